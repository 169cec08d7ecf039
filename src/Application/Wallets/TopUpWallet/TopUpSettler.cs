using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Payments.Charging;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Domain.Wallets;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Wallets.TopUpWallet;

/// <summary>A top-up follows its payment: the wallet is credited, under its lock, when the payment succeeds.</summary>
[ChargeSettler(PaymentPurpose.TopUp)]
internal sealed class TopUpSettler(IApplicationDbContext db, IRowLocker locker, ICurrentUser user, TimeProvider time) : IChargeSettler
{
    public async Task<Result> SettleAsync(Payment payment, CancellationToken ct)
    {
        var topUp = await db.TopUps.FirstOrDefaultAsync(t => t.Id == payment.PurposeId, ct);
        if (topUp is null)
        {
            return Result.Failure(Error.NotFound("The top-up"));
        }

        await locker.LockAsync<Wallet>(nameof(Wallet.Id), topUp.WalletId, ct);
        var wallet = await db.Wallets.Include(w => w.Pockets).FirstAsync(w => w.Id == topUp.WalletId, ct);
        return topUp.Follow(payment, wallet, user.Actor, time.GetUtcNow());
    }

    /// <summary>A lost dispute takes the stored value back, past the negative limit if it was spent (ADR 0040).</summary>
    public Task<Result> DisputeLostAsync(Payment payment, long amount, CancellationToken ct) => TakeBackAsync(db, locker, payment, amount, time, ct);

    /// <summary>The top-up's share of a lost dispute out of its wallet, under the wallet's lock; for auto top-ups too.</summary>
    internal static async Task<Result> TakeBackAsync(IApplicationDbContext db, IRowLocker locker, Payment payment, long amount, TimeProvider time, CancellationToken ct)
    {
        var topUp = await db.TopUps.FirstAsync(t => t.Id == payment.PurposeId, ct);
        await locker.LockAsync<Wallet>(nameof(Wallet.Id), topUp.WalletId, ct);
        var wallet = await db.Wallets.Include(w => w.Pockets).FirstAsync(w => w.Id == topUp.WalletId, ct);
        return topUp.TakeBack(amount, wallet, "system:disputes", time.GetUtcNow());
    }
}
