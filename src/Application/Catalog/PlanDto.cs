using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Catalog;

namespace CleanPrepay.Application.Catalog;

public sealed record PlanDto(
    string Id,
    string Name,
    MoneyDto Price,
    IReadOnlyList<MoneyDto> Prices,
    BillingInterval Interval,
    int IntervalCount,
    int TrialDays,
    bool CardlessTrial,
    BillingMode Billing,
    int BillingDay,
    MoneyDto? MinPrepayment,
    bool Active,
    DateTimeOffset CreatedAt,
    PlanCoverage Coverage,
    IReadOnlyList<string> VideoIds)
{
    public static PlanDto From(Plan p) => new(
        p.Id, p.Name, MoneyDto.From(p.Price.Main), p.Price.Prices.Select(MoneyDto.From).ToList(), p.Interval, p.IntervalCount,
        p.TrialDays, p.CardlessTrial, p.Billing, p.BillingDay, p.MinPrepayment is { } m ? MoneyDto.From(m) : null, p.Active, p.CreatedAt,
        p.Coverage, p.VideoIds);
}
