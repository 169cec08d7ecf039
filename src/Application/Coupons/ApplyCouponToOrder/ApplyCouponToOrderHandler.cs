using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Orders;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Payments;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Coupons.ApplyCouponToOrder;

internal sealed class ApplyCouponToOrderHandler(
    IApplicationDbContext db, CouponRedeemer redeemer, OrderFulfilment fulfilment, IPaymentGatewayRegistry gateways, TimeProvider time)
    : ICommandHandler<ApplyCouponToOrderCommand, AppliedCouponDto>
{
    public async Task<Result<AppliedCouponDto>> Handle(ApplyCouponToOrderCommand r, CancellationToken cancellationToken)
    {
        var customerId = r.CustomerId!;
        var now = time.GetUtcNow();
        var order = await db.Orders.Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == r.OrderId, cancellationToken);
        if (order is null || order.CustomerId != customerId)
        {
            return await ApplyCouponRules.TargetNotFoundAsync(db, customerId, $"The order '{r.OrderId}'", cancellationToken);
        }

        if (!order.IsOpenForCoupon)
        {
            return CouponRedeemer.Invalid(order.CouponCode is not null || !order.Discount.IsZero
                ? "The order already has a coupon: one coupon per order."
                : $"The order is {order.Status.ToString().ToLowerInvariant()}: a coupon applies to an order awaiting payment only.");
        }

        // A provider that already holds the amount (a 3-D Secure or a checkout in progress) would take the
        // old one whatever our record says: the coupon can no longer change what this payment takes.
        if (order.PaymentId is { } openPaymentId
            && await db.Payments.AsNoTracking().Where(p => p.Id == openPaymentId).Select(p => new { p.Gateway, p.Status }).FirstOrDefaultAsync(cancellationToken) is { } open
            && open.Status is PaymentStatus.Pending or PaymentStatus.RequiresAction or PaymentStatus.Authorized
            && gateways.Find(open.Gateway)?.Capabilities.AmountFixedAtCreation != false)
        {
            return Error.Conflict($"The order's payment is already open at {open.Gateway} for its current total; a coupon can no longer change it.");
        }

        var redeemed = await redeemer.RedeemOnOrderAsync(r.Code!, order, now, cancellationToken);
        if (!redeemed.IsSuccess)
        {
            return redeemed.Error;
        }

        // A subscription's prepayment costs what its order now costs.
        if (order.PrepaymentId is { } prepaymentId && await db.Prepayments.FirstOrDefaultAsync(p => p.Id == prepaymentId, cancellationToken) is { } prepayment)
        {
            prepayment.Reprice(order.Total);
        }

        // The order's card payment has not been authorised yet: the amount to authorise follows the
        // new total. A total of zero needs no payment at all, so the order is paid there and then.
        var payment = order.PaymentId is null ? null : await db.Payments.FirstOrDefaultAsync(p => p.Id == order.PaymentId, cancellationToken);
        if (payment is { IsFinal: false })
        {
            if (order.Total.IsZero)
            {
                payment.Supersede(now);
                var paid = await fulfilment.PayAsync(order, null, cancellationToken);
                if (!paid.IsSuccess)
                {
                    return paid.Error!;
                }
            }
            else
            {
                payment.Reprice(order.Total, now);
            }
        }

        var accesses = db.Accesses.Local.Where(a => a.OrderId == order.Id).ToList();
        accesses.AddRange(await db.Accesses.AsNoTracking().Where(a => a.OrderId == order.Id).ToListAsync(cancellationToken));
        return new AppliedCouponDto(
            CouponRedemptionDto.From(redeemed.Value),
            OrderDto.From(order, payment, accesses.DistinctBy(a => a.Id).OrderBy(a => a.Id).ToList(), now));
    }
}
