using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Orders;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Domain.Wallets;
using Microsoft.EntityFrameworkCore;
using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Application.Payments.RefundPayment;

/// <summary>
/// Records a provider's answer about a refund, whoever brings it (the refund call, a webhook):
/// once a refund is final it never changes again, so the order's refunded total moves once, and so
/// does the share of the order's grants (package value, bonuses) that the refund takes back.
/// </summary>
internal sealed class RefundSettlement(IApplicationDbContext db, IRowLocker locker, IWalletStore wallets, TimeProvider time)
{
    /// <returns>The refund, and whether this answer changed its status (as seen under the payment's lock).</returns>
    public async Task<Result<(Refund Refund, bool Changed)>> CompleteAsync(string refundId, GatewayRefundOutcome outcome, CancellationToken ct)
    {
        // Read under the payment's lock (each unit of work starts with an empty change tracker): a webhook may have finished it.
        var paymentId = await db.Refunds.Where(r => r.Id == refundId).Select(r => r.PaymentId).FirstAsync(ct);
        await locker.LockAsync<Payment>(nameof(Payment.Id), paymentId, ct);
        var refund = await db.Refunds.FirstAsync(r => r.Id == refundId, ct);
        if (refund.Status != PaymentStatus.Pending || outcome.Status == PaymentStatus.Pending)
        {
            refund.Complete(outcome with { Status = refund.Status });
            return (refund, false);
        }

        var payment = await db.Payments.FirstAsync(p => p.Id == refund.PaymentId, ct);
        refund.Complete(outcome);
        var now = time.GetUtcNow();
        if (outcome.Status == PaymentStatus.Succeeded)
        {
            var applied = await ApplyToOrderAsync(payment.PurposeId, refund.Amount.MinorUnits, refund.Credits, now, ct);
            if (!applied.IsSuccess)
            {
                return applied.Error!;
            }
        }
        else if (outcome.Status is PaymentStatus.Failed or PaymentStatus.Canceled)
        {
            payment.ReleaseRefund(refund.Amount.MinorUnits, refund.Credits, now);
        }

        return (refund, true);
    }

    /// <param name="wallet">The customer's wallet when the caller already holds its lock.</param>
    public async Task<Result> ApplyToOrderAsync(string orderId, long amount, long credits, DateTimeOffset now, CancellationToken ct, Wallet? wallet = null)
    {
        var order = await db.Orders.FirstAsync(o => o.Id == orderId, ct);
        var recorded = order.RecordRefund(amount, credits);
        if (!recorded.IsSuccess)
        {
            return recorded.Error;
        }

        if (recorded.Value)
        {
            foreach (var access in await db.Accesses.Where(a => a.OrderId == order.Id && a.RevokedAt == null).ToListAsync(ct))
            {
                access.Revoke(now);
            }
        }

        return await ReverseGrantsAsync(order, wallet, now, ct);
    }

    /// <summary>
    /// Takes back the refunded share of what paying <paramref name="order"/> put in the wallet: a
    /// package's grant (<c>top_up</c> entries) and bonuses (<c>bonus</c> entries) referencing the order,
    /// pocket by pocket, as <c>reversal</c> entries, even past the negative-balance limit. The share is
    /// cumulative (<see cref="Wallet.ReversalDue"/>): what earlier refunds reversed is subtracted.
    /// </summary>
    private async Task<Result> ReverseGrantsAsync(Order order, Wallet? wallet, DateTimeOffset now, CancellationToken ct)
    {
        var byCredits = order.PaymentMethod == OrderPaymentMethod.Credits;
        var (refunded, paid) = byCredits ? (order.RefundedCredits, order.CreditsTotal ?? 0) : (order.RefundedAmount.MinorUnits, order.Total.MinorUnits);
        if (refunded <= 0 || paid <= 0)
        {
            return Result.Success();
        }

        var walletId = wallet?.Id ?? await db.Wallets.Where(w => w.CustomerId == order.CustomerId).Select(w => w.Id).FirstOrDefaultAsync(ct);
        var pockets = await db.LedgerEntries.AsNoTracking()
            .Where(e => e.WalletId == walletId && e.Reference == order.Id
                && (e.Kind == LedgerEntryKind.TopUp || e.Kind == LedgerEntryKind.Bonus || e.Kind == LedgerEntryKind.Reversal))
            .GroupBy(e => e.Currency)
            .Select(g => new
            {
                Currency = g.Key,
                Granted = g.Sum(e => e.Kind == LedgerEntryKind.Reversal ? 0 : e.Amount),
                Reversed = -g.Sum(e => e.Kind == LedgerEntryKind.Reversal ? e.Amount : 0),
            })
            .ToListAsync(ct);
        foreach (var pocket in pockets.OrderBy(p => p.Currency, StringComparer.Ordinal))
        {
            var due = Wallet.ReversalDue(pocket.Granted, pocket.Reversed, refunded, paid);
            if (due == 0)
            {
                continue;
            }

            wallet ??= await wallets.LoadForUpdateAsync(order.CustomerId, ct)
                ?? throw new InvalidOperationException($"Customer {order.CustomerId} has no wallet.");
            var reason = $"Refunded {refunded} of {paid}: the order's grant goes back";
            var reversed = pocket.Currency is null
                ? wallet.ReverseCredits(due, order.Id, reason, "system", now)
                : wallet.Reverse(new Money(due, Domain.Monetary.Currency.From(pocket.Currency)), order.Id, reason, "system", now);
            if (!reversed.IsSuccess)
            {
                return reversed.Error;
            }
        }

        return Result.Success();
    }
}
