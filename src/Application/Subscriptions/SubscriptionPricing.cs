using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Catalog;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Monetary;
using CleanPrepay.Domain.Orders;
using CleanPrepay.Domain.Settings;
using CleanPrepay.Domain.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Subscriptions;

/// <summary>The plan, price and quote a subscription starts from, and the order lines that charge a prepayment.</summary>
internal static class SubscriptionPricing
{
    public static Error PlanNotFound(string planId) => Error.NotFound($"The plan '{planId}'");

    public static async Task<Result<(Plan Plan, Money Price)>> PlanAndPriceAsync(IApplicationDbContext db, string planId, string? currency, CancellationToken ct)
    {
        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId, ct);
        if (plan is null)
        {
            return PlanNotFound(planId);
        }

        if (!plan.Active)
        {
            return new Error("item_unavailable", $"The plan '{plan.Name}' is not on sale.", ErrorKind.Unprocessable);
        }

        var price = currency is null ? plan.Price.Main : plan.Price.In(Currency.From(currency));
        if (price is null)
        {
            return new Error("price_unavailable", $"The plan '{plan.Name}' has no price in {currency}.", ErrorKind.Unprocessable);
        }

        return (plan, price.Value);
    }

    /// <summary>Today as a UTC calendar date.</summary>
    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime);

    public static PrepaymentQuote Quote(Plan plan, Money price, DateOnly start, MerchantSettings settings) =>
        Proration.Quote(plan, price, start, settings.DefaultMinPrepaymentPercent);

    /// <summary>One order line per span the prepayment pays for: the partial period (when it costs anything), then each full period.</summary>
    public static IReadOnlyList<OrderLineDraft> Lines(string planId, string planName, PrepaymentQuote quote)
    {
        var lines = new List<OrderLineDraft>();
        if (quote.Partial is { Amount.IsPositive: true } partial)
        {
            lines.Add(new OrderLineDraft(
                OrderItemKind.Plan, planId, $"{planName}, {partial.From:yyyy-MM-dd} to {partial.To:yyyy-MM-dd} ({partial.Days} of {partial.DaysInPeriod} days)", partial.Amount, null, null));
        }

        lines.AddRange(quote.FullPeriods.Select(p =>
            new OrderLineDraft(OrderItemKind.Plan, planId, $"{planName}, {p.From:yyyy-MM-dd} to {p.To:yyyy-MM-dd}", p.Amount, null, null)));
        return lines;
    }
}
