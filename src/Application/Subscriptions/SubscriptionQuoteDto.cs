using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Subscriptions;

namespace CleanPrepay.Application.Subscriptions;

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
