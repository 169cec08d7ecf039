using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Application.Orders;
using CleanPrepay.Domain.Orders;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Domain.Subscriptions;

namespace CleanPrepay.Application.Subscriptions;

public sealed record SubscriptionDto(
    string Id,
    string CustomerId,
    string PlanId,
    SubscriptionStatus Status,
    MoneyDto Price,
    DateOnly StartDate,
    DateOnly? TrialEndsOn,
    DateOnly? PaidThrough,
    DateTimeOffset? NextChargeAt,
    RenewalDto Renewal,
    RiskOutcome? RiskCheck,
    bool CancelAtPeriodEnd,
    DateTimeOffset? CanceledAt,
    string? CancelReason,
    int FailedAttempts,
    SubscriptionCouponDto? Coupon,
    PrepaymentDto? Prepayment,
    OrderPaymentDto? Payment,
    DateTimeOffset CreatedAt)
{
    public static SubscriptionDto From(Subscription s, Prepayment? prepayment, Order? order, Payment? payment) => new(
        s.Id, s.CustomerId, s.PlanId, s.Status, MoneyDto.From(s.Price), s.StartDate, s.TrialEndsOn, s.PaidThrough, s.NextChargeAt,
        new RenewalDto(s.RenewalMethod, s.Gateway, s.SavedMethodId), s.RiskOutcome, s.CancelAtPeriodEnd, s.CanceledAt, s.CancelReason, s.FailedAttempts,
        s.CouponCampaignId is { } campaign ? new SubscriptionCouponDto(s.CouponCode!, campaign, s.CouponUntil) : null,
        prepayment is null ? null : PrepaymentDto.From(prepayment),
        payment is null || order is null ? null : OrderPaymentDto.From(order, payment),
        s.CreatedAt);
}
