using CleanPrepay.Domain.Catalog;
using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Domain.Subscriptions;

/// <summary>The first, shorter period of a subscription that starts between two billing dates.</summary>
/// <param name="Days">The days of the billing period after the start date (the normative day count, ADR 0018).</param>
public sealed record PartialPeriod(DateOnly From, DateOnly To, int Days, int DaysInPeriod, Money Amount);

/// <summary>One whole billing period at the plan's price.</summary>
public sealed record FullPeriod(DateOnly From, DateOnly To, Money Amount);

/// <summary>What a subscriber prepays to start: the partial period (if any), the full periods, their total and the span they pay for.</summary>
public sealed record PrepaymentQuote(
    Money Total, DateOnly PeriodStart, DateOnly PeriodEnd, PartialPeriod? Partial, IReadOnlyList<FullPeriod> FullPeriods, Money Minimum)
{
    /// <summary>The first day the subscription is not paid for: when the next charge falls due.</summary>
    public DateOnly NextBillingDate => PeriodEnd.AddDays(1);
}

/// <summary>
/// A plan's billing calendar from a given anchor day: fixed billing on <c>billingDay</c> of the month
/// (clamped to the month's last day) or activation billing on the start date's day of the month.
/// Periods are whole months (<c>interval: month</c> × count, or 12 × count for years), each from a
/// billing date to the day before the next; day and week plans have periods of 1 or 7 days × count
/// from the start date. Dates are calendar dates in UTC (ADR 0018).
/// </summary>
public sealed record BillingCalendar(BillingInterval Interval, int IntervalCount, int AnchorDay)
{
    /// <summary>The calendar a plan bills on for a subscription starting on <paramref name="start"/>.</summary>
    public static BillingCalendar For(Plan plan, DateOnly start) =>
        new(plan.Interval, plan.IntervalCount, plan.Billing == BillingMode.Fixed && IsMonthly(plan.Interval) ? plan.BillingDay : start.Day);

    /// <summary>Whether fixed billing applies (month and year plans); day and week plans always bill from activation.</summary>
    public static bool IsMonthly(BillingInterval interval) => interval is BillingInterval.Month or BillingInterval.Year;

    private int Months => Interval == BillingInterval.Year ? 12 * IntervalCount : IntervalCount;

    /// <summary>The day after the period that starts on <paramref name="periodStart"/>.</summary>
    public DateOnly NextPeriodStart(DateOnly periodStart) => Interval switch
    {
        BillingInterval.Day => periodStart.AddDays(IntervalCount),
        BillingInterval.Week => periodStart.AddDays(7 * IntervalCount),
        _ => BillingDateIn(periodStart.AddMonths(Months)),
    };

    /// <summary>The last billing date on or before <paramref name="date"/> (monthly calendars only).</summary>
    public DateOnly BillingDateOnOrBefore(DateOnly date)
    {
        var inMonth = BillingDateIn(date);
        return inMonth <= date ? inMonth : BillingDateIn(date.AddMonths(-1));
    }

    /// <summary>The anchor day in <paramref name="month"/>'s month, clamped to its last day (31 → 28 in February 2027).</summary>
    public DateOnly BillingDateIn(DateOnly month) =>
        new(month.Year, month.Month, Math.Min(AnchorDay, DateTime.DaysInMonth(month.Year, month.Month)));
}

/// <summary>
/// StartProratedSubscription's arithmetic: the partial period rounded down, plus the next full period
/// when that is under the minimum (docs/spec/proration.md; the tests in ProrationTests show each case).
/// </summary>
public static class Proration
{
    public static PrepaymentQuote Quote(Plan plan, Money price, DateOnly start, int defaultMinPrepaymentPercent)
    {
        var minimum = MinimumPrepayment(plan.MinPrepayment, price, defaultMinPrepaymentPercent);
        var calendar = BillingCalendar.For(plan, start);
        if (plan.Billing == BillingMode.Activation || !BillingCalendar.IsMonthly(plan.Interval))
        {
            return FullPeriodsFrom(calendar, start, price, minimum, null, 1);
        }

        var periodStart = calendar.BillingDateOnOrBefore(start);
        if (periodStart == start)
        {
            return FullPeriodsFrom(calendar, start, price, minimum, null, 1);
        }

        var next = calendar.NextPeriodStart(periodStart);
        var daysInPeriod = next.DayNumber - periodStart.DayNumber;
        var days = next.DayNumber - start.DayNumber - 1;
        var partial = new PartialPeriod(start, next.AddDays(-1), days, daysInPeriod, price.MultiplyFraction(days, daysInPeriod, MidpointRounding.ToZero));
        if (partial.Amount >= minimum)
        {
            return new PrepaymentQuote(partial.Amount, start, partial.To, partial, [], minimum);
        }

        return FullPeriodsFrom(calendar, next, price, minimum, partial, 1) with { PeriodStart = start };
    }

    /// <summary>The plan's minimum prepayment in the price's currency, else <paramref name="percent"/> of the price rounded up.</summary>
    public static Money MinimumPrepayment(Money? planMinimum, Money price, int percent) =>
        planMinimum is { } min && min.Currency == price.Currency
            ? min
            : price.MultiplyFraction(percent, 100, MidpointRounding.ToPositiveInfinity);

    /// <summary>The renewal that follows a period ending on <paramref name="paidThrough"/>: one full period.</summary>
    public static FullPeriod Renewal(BillingCalendar calendar, DateOnly paidThrough, Money price)
    {
        var from = paidThrough.AddDays(1);
        return new FullPeriod(from, calendar.NextPeriodStart(from).AddDays(-1), price);
    }

    private static PrepaymentQuote FullPeriodsFrom(
        BillingCalendar calendar, DateOnly from, Money price, Money minimum, PartialPeriod? partial, int count)
    {
        var periods = new List<FullPeriod>();
        var start = from;
        for (var i = 0; i < count; i++)
        {
            var next = calendar.NextPeriodStart(start);
            periods.Add(new FullPeriod(start, next.AddDays(-1), price));
            start = next;
        }

        var total = periods.Aggregate(partial?.Amount ?? Money.Zero(price.Currency), (sum, p) => sum + p.Amount);
        return new PrepaymentQuote(total, partial?.From ?? from, periods[^1].To, partial, periods, minimum);
    }
}
