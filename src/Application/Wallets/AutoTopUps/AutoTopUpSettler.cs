using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Payments.Charging;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Domain.TopUps;
using CleanPrepay.Domain.Wallets;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Wallets.AutoTopUps;

/// <summary>
/// An auto top-up's payment settles like any top-up (the wallet is credited once, under its lock, as
/// <c>top_up</c> with reason <c>auto_top_up</c>), and then frees the pocket for the next one, or counts a failure.
/// </summary>
[ChargeSettler(PaymentPurpose.AutoTopUp)]
internal sealed class AutoTopUpSettler(
    IApplicationDbContext db, IRowLocker locker, ICurrentUser user, Microsoft.Extensions.Options.IOptions<AutoTopUpOptions> options, TimeProvider time) : IChargeSettler
{
    public async Task<Result> SettleAsync(Payment payment, CancellationToken ct)
    {
        var topUp = await db.TopUps.FirstOrDefaultAsync(t => t.Id == payment.PurposeId, ct);
        if (topUp?.AutoTopUpId is not { } autoId)
        {
            return Result.Failure(Error.NotFound("The automatic top-up"));
        }

        // The auto top-up's row before the wallet's: the claim takes them in this order too.
        await locker.LockAsync<AutoTopUp>(nameof(AutoTopUp.Id), autoId, ct);
        await locker.LockAsync<Wallet>(nameof(Wallet.Id), topUp.WalletId, ct);
        var wallet = await db.Wallets.Include(w => w.Pockets).FirstAsync(w => w.Id == topUp.WalletId, ct);
        var now = time.GetUtcNow();
        var followed = topUp.Follow(payment, wallet, user.Actor, now);
        if (!followed.IsSuccess)
        {
            return followed;
        }

        if (await db.AutoTopUps.FirstOrDefaultAsync(a => a.Id == autoId, ct) is { } auto)
        {
            if (payment.Status == PaymentStatus.Succeeded)
            {
                auto.Succeeded(topUp.Id, now);
            }
            else if (payment.IsFinal)
            {
                auto.Failed(topUp.Id, options.Value.RetryAfterFailure, now);
            }
        }

        return Result.Success();
    }

    /// <summary>A lost dispute takes the stored value back as for any top-up (ADR 0040).</summary>
    public Task<Result> DisputeLostAsync(Payment payment, long amount, CancellationToken ct) =>
        TopUpWallet.TopUpSettler.TakeBackAsync(db, locker, payment, amount, time, ct);
}
