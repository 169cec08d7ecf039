using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Orders;
using CleanPrepay.Application.Subscriptions;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Coupons;
using CleanPrepay.Domain.Customers;
using CleanPrepay.Domain.Orders;
using CleanPrepay.Domain.Payments;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Coupons;

/// <summary>
/// ApplyCoupon: to an unpaid order of the customer (totals and tax recomputed, and a subscription
/// prepayment's amount with them), to an open subscription (its coming charges for the coupon's
/// duration, or a longer trial), or, without either, to the account, where it waits for the
/// customer's next eligible order or subscription.
/// </summary>
public sealed record ApplyCouponCommand(string? Code, string? CustomerId, string? OrderId, string? SubscriptionId)
    : ICommand<AppliedCouponDto>, ICustomerSpending
{
    string ICustomerScoped.CustomerId => CustomerId ?? string.Empty;
}

public sealed record AppliedCouponDto(CouponRedemptionDto Redemption, OrderDto? Order, SubscriptionDto? Subscription = null);

internal sealed class ApplyCouponValidator : AbstractValidator<ApplyCouponCommand>
{
    public ApplyCouponValidator()
    {
        RuleFor(c => c.Code).NotEmpty().WithMessage("The code is required.").MaximumLength(CouponCode.MaxLength + 16);
        RuleFor(c => c.CustomerId).NotEmpty().WithMessage("The customerId is required.").MaximumLength(64);
        RuleFor(c => c.OrderId).MaximumLength(64);
        RuleFor(c => c.SubscriptionId).MaximumLength(64);
        RuleFor(c => c.SubscriptionId).Null().When(c => c.OrderId is not null).WithMessage("Give an orderId or a subscriptionId, not both.");
    }
}

internal sealed class ApplyCouponHandler(
    IApplicationDbContext db, CouponRedeemer redeemer, SubscriptionCoupons subscriptionCoupons, SubscriptionReads subscriptionReads, OrderFulfilment fulfilment,
    Abstractions.Gateways.IPaymentGatewayRegistry gateways, TimeProvider time)
    : ICommandHandler<ApplyCouponCommand, AppliedCouponDto>
{
    public async Task<Result<AppliedCouponDto>> Handle(ApplyCouponCommand r, CancellationToken cancellationToken)
    {
        var customerId = r.CustomerId!;
        var now = time.GetUtcNow();
        if (r.SubscriptionId is not null)
        {
            var subscription = await db.Subscriptions.FirstOrDefaultAsync(s => s.Id == r.SubscriptionId, cancellationToken);
            if (subscription is null || subscription.CustomerId != customerId)
            {
                return await db.Customers.AsNoTracking().AnyAsync(c => c.Id == customerId, cancellationToken)
                    ? Error.NotFound($"The subscription '{r.SubscriptionId}'")
                    : CustomerErrors.NotFound;
            }

            var kept = await subscriptionCoupons.ApplyAsync(r.Code!, subscription, now, cancellationToken);
            return kept.IsSuccess
                ? new AppliedCouponDto(CouponRedemptionDto.From(kept.Value), null, await subscriptionReads.FromTrackedAsync(subscription, cancellationToken))
                : kept.Error;
        }

        if (r.OrderId is null)
        {
            var found = await redeemer.FindAsync(r.Code!, customerId, now, cancellationToken);
            if (!found.IsSuccess)
            {
                return found.Error;
            }

            var (campaign, code) = found.Value;
            var claimed = await redeemer.ClaimAsync(campaign, code, customerId, now, cancellationToken);
            if (!claimed.IsSuccess)
            {
                return claimed.Error!;
            }

            var attached = CouponRedemption.ForAccount(campaign, code.Key, customerId, now);
            db.CouponRedemptions.Add(attached);
            await CouponRedeemer.CountAttachedAsync(db, customerId, +1, cancellationToken);
            return new AppliedCouponDto(CouponRedemptionDto.From(attached), null);
        }

        var order = await db.Orders.Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == r.OrderId, cancellationToken);
        if (order is null || order.CustomerId != customerId)
        {
            return await db.Customers.AsNoTracking().AnyAsync(c => c.Id == customerId, cancellationToken)
                ? Error.NotFound($"The order '{r.OrderId}'")
                : CustomerErrors.NotFound;
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
