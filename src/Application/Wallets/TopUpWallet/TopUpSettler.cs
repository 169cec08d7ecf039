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
}
