using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Orders;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Orders;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Domain.Wallets;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Payments.RefundPayment;

/// <summary>
/// Records a provider's answer about a refund, whoever brings it (the refund call, a webhook):
/// once a refund is final it never changes again, so the order's refunded total moves once, and so
/// does the share of the order's grants (package value, bonuses) that the refund takes back.
/// </summary>
internal sealed class RefundSettlement(IApplicationDbContext db, IRowLocker locker, OrderGrantReversal grants, TimeProvider time)
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
        var recorded = order.RecordRefund(amount, credits, now);
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

        var refunded = order.PaymentMethod == OrderPaymentMethod.Credits ? order.RefundedCredits : order.RefundedAmount.MinorUnits;
        return await grants.ReverseAsync(order, refunded, "Refunded", now, ct, wallet);
    }
}
