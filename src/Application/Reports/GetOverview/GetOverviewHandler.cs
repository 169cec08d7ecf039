using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Monetary;
using CleanPrepay.Domain.Orders;
using CleanPrepay.Domain.Subscriptions;
using CleanPrepay.Domain.Wallets;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Reports.GetOverview;

/// <summary>
/// Sums in exact minor units per currency and UTC day. The rows of the period are read as (instant, currency,
/// amount) and summed here: a day of a DateTimeOffset is not translated alike on PostgreSQL and SQLite.
/// </summary>
internal sealed class GetOverviewHandler(IApplicationDbContext db, TimeProvider time) : IQueryHandler<GetOverviewQuery, OverviewDto>
{
    public async Task<Result<OverviewDto>> Handle(GetOverviewQuery request, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var to = request.To ?? DateOnly.FromDateTime(now.UtcDateTime);
        var from = request.From ?? to.AddDays(-29);
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

        var topUps = await db.LedgerEntries.AsNoTracking()
            .Where(e => e.Kind == LedgerEntryKind.TopUp && e.Currency != null && e.CreatedAt >= start && e.CreatedAt < end)
            .Select(e => new Row(e.CreatedAt, e.Currency!, e.Amount))
            .ToListAsync(ct);
        var orders = await db.Orders.AsNoTracking()
            .Where(o => o.PaidAt != null && o.PaidAt >= start && o.PaidAt < end && o.PaymentMethod != OrderPaymentMethod.Credits)
            .Select(o => new { o.PaidAt, o.Total })
            .ToListAsync(ct);
        var revenue = orders.Select(o => new Row(o.PaidAt!.Value, o.Total.Currency.Code, o.Total.MinorUnits)).ToList();

        // Each row read once into its day, rather than the whole period filtered again for every day.
        var topUpsByDay = topUps.ToLookup(r => r.Day);
        var revenueByDay = revenue.ToLookup(r => r.Day);
        var days = new List<OverviewDayDto>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            days.Add(new OverviewDayDto(day, Sum(topUpsByDay[day]), Sum(revenueByDay[day])));
        }

        var active = await db.Subscriptions.AsNoTracking().CountAsync(s => s.Status == SubscriptionStatus.Active, ct);
        var due = await db.Subscriptions.AsNoTracking().CountAsync(
            s => (s.Status == SubscriptionStatus.Active || s.Status == SubscriptionStatus.PastDue) && !s.CancelAtPeriodEnd
                && s.NextChargeAt != null && s.NextChargeAt >= start && s.NextChargeAt < end, ct);
        var renewals = db.Prepayments.AsNoTracking().Where(p => p.Kind == PrepaymentKind.Renewal && p.CreatedAt >= start && p.CreatedAt < end);
        var paid = await renewals.CountAsync(p => p.Status == PrepaymentStatus.Paid, ct);
        // Failed: never paid (expired), or waiting on a retry after its latest charge failed.
        var failed = await renewals.CountAsync(
            p => p.Status == PrepaymentStatus.Expired
                || (p.Status == PrepaymentStatus.Pending && db.Orders.Any(o => o.Id == p.OrderId && o.Status == OrderStatus.Failed)), ct);
        return new OverviewDto(from, to, days, Sum(topUps), Sum(revenue), active, due, paid, failed);
    }

    private static List<MoneyDto> Sum(IEnumerable<Row> rows) =>
        rows.GroupBy(r => r.Currency, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => MoneyDto.From(new Money(checked(g.Sum(r => r.Amount)), Currency.From(g.Key)))).ToList();

    private sealed record Row(DateTimeOffset At, string Currency, long Amount)
    {
        public DateOnly Day => DateOnly.FromDateTime(At.UtcDateTime);
    }
}
