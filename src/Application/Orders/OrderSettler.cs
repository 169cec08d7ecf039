using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Coupons;
using CleanPrepay.Application.Payments.Charging;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Payments;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Orders;

/// <summary>
/// An order follows its payment: paid (<see cref="OrderFulfilment"/>), waiting on the payer, or failed.
/// It also serves the orders that pay a subscription's prepayment, handing those to <see cref="IPrepaymentSettler"/>.
/// </summary>
[ChargeSettler(PaymentPurpose.Order)]
internal sealed class OrderSettler(
    IApplicationDbContext db, OrderFulfilment fulfilment, IPrepaymentSettler prepayments, OrderGrantReversal grants, TimeProvider time) : IChargeSettler
{
    public async Task<Result> SettleAsync(Payment payment, CancellationToken ct)
    {
        var order = await db.Orders.Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == payment.PurposeId, ct);
        if (order is null)
        {
            return Result.Failure(Error.NotFound("The order"));
        }

        switch (payment.Status)
        {
            case PaymentStatus.Succeeded:
                return await fulfilment.PayAsync(order, null, ct);
            case PaymentStatus.RequiresAction:
                // Told again (a sync, a webhook after the call): the payer was asked once already.
                var asked = order.Status == Domain.Orders.OrderStatus.RequiresAction;
                order.MarkRequiresAction();
                if (!asked && order.PrepaymentId is not null && payment.OffSession)
                {
                    await prepayments.ActionRequiredAsync(order, payment, ct);
                }

                break;
            case PaymentStatus.Failed or PaymentStatus.Canceled:
                order.MarkFailed(time.GetUtcNow());
                // A declined card gives an order's coupon back to the account. A subscription prepayment's
                // coupon stays with it: its next attempt reissues the order with the same discount.
                if (order.CouponCode is not null && order.PrepaymentId is null
                    && await db.CouponRedemptions.FirstOrDefaultAsync(r => r.OrderId == order.Id, ct) is { } redemption)
                {
                    redemption.Release();
                    await CouponRedeemer.CountAttachedAsync(db, order.CustomerId, +1, ct);
                }

                if (order.PrepaymentId is not null)
                {
                    await prepayments.FailedAsync(order, ct);
                }

                break;
        }

        return Result.Success();
    }

    /// <summary>
    /// A lost dispute: the money is gone, so what the order gave ends now, once (ADR 0040): its accesses are
    /// revoked, and the share of its wallet grants (package value, bonuses) the lost amount paid for is reversed.
    /// </summary>
    public async Task<Result> DisputeLostAsync(Payment payment, long amount, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        foreach (var access in await db.Accesses.Where(a => a.OrderId == payment.PurposeId && a.RevokedAt == null).ToListAsync(ct))
        {
            access.Revoke(now);
        }

        var order = await db.Orders.FirstAsync(o => o.Id == payment.PurposeId, ct);
        // Refunds before the dispute count too: the share is of everything of the payment given back.
        return await grants.ReverseAsync(order, order.RefundedAmount.MinorUnits + amount, "Charged back", now, ct);
    }
}
