using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Application.Orders;
using CleanPrepay.Domain.Orders;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Domain.Subscriptions;

namespace CleanPrepay.Application.Subscriptions;

public sealed record PartialPeriodDto(DateOnly From, DateOnly To, int Days, int DaysInPeriod, MoneyDto Amount);

public sealed record FullPeriodDto(DateOnly From, DateOnly To, MoneyDto Amount);

/// <summary>
/// What starting a subscription costs: <c>total</c> = partial + full periods − discount, for the days
/// <c>periodStart</c>..<c>periodEnd</c>. With a trial, the figures are those charged when it ends (<c>chargeOn</c>).
/// </summary>
public sealed record SubscriptionQuoteDto(
    MoneyDto Total,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    PartialPeriodDto? Partial,
    IReadOnlyList<FullPeriodDto> FullPeriods,
    MoneyDto Subtotal,
    MoneyDto Discount,
    MoneyDto MinimumPrepayment,
    DateOnly? TrialEndsOn,
    DateOnly ChargeOn)
{
    public static SubscriptionQuoteDto From(PrepaymentQuote q, long discount, DateOnly? trialEndsOn) => new(
        new MoneyDto(q.Total.MinorUnits - discount, q.Total.Currency.Code),
        q.PeriodStart,
        q.PeriodEnd,
        q.Partial is { } p ? new PartialPeriodDto(p.From, p.To, p.Days, p.DaysInPeriod, MoneyDto.From(p.Amount)) : null,
        q.FullPeriods.Select(f => new FullPeriodDto(f.From, f.To, MoneyDto.From(f.Amount))).ToList(),
        MoneyDto.From(q.Total),
        new MoneyDto(discount, q.Total.Currency.Code),
        MoneyDto.From(q.Minimum),
        trialEndsOn,
        trialEndsOn ?? q.PeriodStart);
}

public sealed record PrepaymentDto(
    string Id,
    string CustomerId,
    string SubscriptionId,
    PrepaymentKind Kind,
    MoneyDto Amount,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    PrepaymentStatus Status,
    string? OrderId,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? PaidAt)
{
    public static PrepaymentDto From(Prepayment p) => new(
        p.Id, p.CustomerId, p.SubscriptionId, p.Kind, MoneyDto.From(p.Amount), p.PeriodStart, p.PeriodEnd, p.Status, p.OrderId,
        p.Attempts, p.CreatedAt, p.ExpiresAt, p.PaidAt);
}

public sealed record RenewalDto(RenewalMethod Method, string? Gateway);

public sealed record SubscriptionCouponDto(string Code, string CampaignId, DateOnly? Until);

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
        new RenewalDto(s.RenewalMethod, s.Gateway), s.RiskOutcome, s.CancelAtPeriodEnd, s.CanceledAt, s.CancelReason, s.FailedAttempts,
        s.CouponCampaignId is { } campaign ? new SubscriptionCouponDto(s.CouponCode!, campaign, s.CouponUntil) : null,
        prepayment is null ? null : PrepaymentDto.From(prepayment),
        payment is null || order is null ? null : OrderPaymentDto.From(order, payment),
        s.CreatedAt);
}
