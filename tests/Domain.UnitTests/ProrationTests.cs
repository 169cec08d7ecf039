using CleanPrepay.Domain.Catalog;
using CleanPrepay.Domain.Subscriptions;
using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Domain.UnitTests;


/// <summary>
/// The prepayment rule of ADR 0018, case by case. Every expected figure is worked out by hand in the
/// comment above it, not by running the code.
/// </summary>
public sealed class ProrationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static Plan Monthly(long price, string currency = "EUR", int billingDay = 1, Money? min = null, BillingMode billing = BillingMode.Fixed,
        BillingInterval interval = BillingInterval.Month, int count = 1) =>
        Plan.Create("Plan", new PriceList([Money.Of(price, currency)]), interval, count, 0, false, billing, billingDay, min, true, Now);

    private static PrepaymentQuote Quote(Plan plan, string start, int percent = 50) =>
        Proration.Quote(plan, plan.Price.Main, DateOnly.Parse(start), percent);

    private static void AssertQuote(PrepaymentQuote quote, long total, string periodStart, string periodEnd)
    {
        Assert.Equal(total, quote.Total.MinorUnits);
        Assert.Equal(DateOnly.Parse(periodStart), quote.PeriodStart);
        Assert.Equal(DateOnly.Parse(periodEnd), quote.PeriodEnd);
    }

    private static void AssertPartial(PrepaymentQuote quote, string from, string to, int days, long amount)
    {
        Assert.NotNull(quote.Partial);
        Assert.Equal((DateOnly.Parse(from), DateOnly.Parse(to), days, amount), (quote.Partial!.From, quote.Partial.To, quote.Partial.Days, quote.Partial.Amount.MinorUnits));
    }

    private static void AssertFull(PrepaymentQuote quote, params (string From, string To, long Amount)[] periods) =>
        Assert.Equal(
            periods.Select(p => (DateOnly.Parse(p.From), DateOnly.Parse(p.To), p.Amount)),
            quote.FullPeriods.Select(p => (p.From, p.To, p.Amount.MinorUnits)));

    [Fact]
    public void The_seed_example_partial_16_66_plus_the_next_month_is_66_66()
    {
        // riverty-prepayment: 50.00 EUR a month, billing on the 1st, start on 20 November (30 days), minimum 25.00.
        // Days after the 20th: 21..30 = 10; 5000 × 10 / 30 = 1666.67 → 1666 < 2500, so December is added: 1666 + 5000.
        var quote = Quote(Monthly(5000, min: Money.Of(2500, "EUR")), "2026-11-20");

        AssertQuote(quote, 6666, "2026-11-20", "2026-12-31");
        AssertPartial(quote, "2026-11-20", "2026-11-30", 10, 1666);
        AssertFull(quote, ("2026-12-01", "2026-12-31", 5000));
    }

    [Fact]
    public void A_31_day_month_above_the_minimum_prepays_the_partial_period_only()
    {
        // December has 31 days; after the 10th: 21 days. 5000 × 21 / 31 = 3387.09 → 3387 ≥ 2500 (50 %).
        var quote = Quote(Monthly(5000), "2026-12-10");

        AssertQuote(quote, 3387, "2026-12-10", "2026-12-31");
        AssertPartial(quote, "2026-12-10", "2026-12-31", 21, 3387);
        Assert.Empty(quote.FullPeriods);
    }

    [Fact]
    public void February_of_a_common_year_has_28_days_and_a_partial_equal_to_the_minimum_is_enough()
    {
        // February 2027: 28 days; after the 14th: 14. 2800 × 14 / 28 = 1400 exactly, and the minimum is 50 % = 1400: not below it.
        var quote = Quote(Monthly(2800), "2027-02-14");

        AssertQuote(quote, 1400, "2027-02-14", "2027-02-28");
        AssertPartial(quote, "2027-02-14", "2027-02-28", 14, 1400);
    }

    [Fact]
    public void February_of_a_leap_year_has_29_days()
    {
        // February 2028: 29 days; after the 14th: 15. 5000 × 15 / 29 = 2586.2 → 2586 ≥ 2500.
        var quote = Quote(Monthly(5000), "2028-02-14");

        AssertQuote(quote, 2586, "2028-02-14", "2028-02-29");
        AssertPartial(quote, "2028-02-14", "2028-02-29", 15, 2586);
    }

    [Fact]
    public void Billing_day_31_is_clamped_to_28_in_february_and_the_period_runs_from_31_january()
    {
        // Billing dates: 31 Jan, 28 Feb (clamped), 31 Mar. Start 10 Feb → period 31 Jan..27 Feb = 28 days.
        // After the 10th: 11..27 = 17 days. 5000 × 17 / 28 = 3035.7 → 3035 ≥ 2500.
        var quote = Quote(Monthly(5000, billingDay: 31), "2027-02-10");

        AssertQuote(quote, 3035, "2027-02-10", "2027-02-27");
        AssertPartial(quote, "2027-02-10", "2027-02-27", 17, 3035);
    }

    [Fact]
    public void Billing_day_31_returns_to_the_31st_after_a_short_month()
    {
        // Start 28 Feb 2027 is the (clamped) billing date: no partial; the period is 28 Feb..30 Mar, as the next billing date is 31 Mar.
        var quote = Quote(Monthly(5000, billingDay: 31), "2027-02-28");

        AssertQuote(quote, 5000, "2027-02-28", "2027-03-30");
        Assert.Null(quote.Partial);
        AssertFull(quote, ("2027-02-28", "2027-03-30", 5000));
    }

    [Fact]
    public void Billing_day_30_in_february_falls_on_the_28th()
    {
        // Billing day 30 → 28 Feb 2027, then 30 Mar. Start 1 Mar: period 28 Feb..29 Mar = 30 days; after the 1st: 2..29 = 28 days.
        // 3000 × 28 / 30 = 2800 ≥ 1500.
        var quote = Quote(Monthly(3000, billingDay: 30), "2027-03-01");

        AssertQuote(quote, 2800, "2027-03-01", "2027-03-29");
        AssertPartial(quote, "2027-03-01", "2027-03-29", 28, 2800);
    }

    [Fact]
    public void Billing_day_29_below_the_minimum_adds_the_next_full_period()
    {
        // Billing day 29 → 28 Feb 2027 (clamped), 29 Mar, 29 Apr. Start 15 Mar: period 28 Feb..28 Mar = 29 days; after the 15th: 13 days.
        // 2900 × 13 / 29 = 1300 < 1450 (50 %) → + 29 Mar..28 Apr at 2900 = 4200.
        var quote = Quote(Monthly(2900, billingDay: 29), "2027-03-15");

        AssertQuote(quote, 4200, "2027-03-15", "2027-04-28");
        AssertPartial(quote, "2027-03-15", "2027-03-28", 13, 1300);
        AssertFull(quote, ("2027-03-29", "2027-04-28", 2900));
    }

    [Fact]
    public void Billing_day_29_in_a_leap_february_is_the_29th()
    {
        // 29 Feb 2028 is a billing date for billing day 29: one full period 29 Feb..28 Mar.
        var quote = Quote(Monthly(2900, billingDay: 29), "2028-02-29");

        AssertQuote(quote, 2900, "2028-02-29", "2028-03-28");
        Assert.Null(quote.Partial);
    }

    [Fact]
    public void Starting_on_the_billing_day_prepays_one_full_period()
    {
        var quote = Quote(Monthly(5000), "2026-12-01");

        AssertQuote(quote, 5000, "2026-12-01", "2026-12-31");
        Assert.Null(quote.Partial);
        AssertFull(quote, ("2026-12-01", "2026-12-31", 5000));
    }

    [Fact]
    public void Starting_on_the_last_day_of_the_period_has_no_partial_days_and_prepays_the_next_period()
    {
        // 30 Nov with billing on the 1st: no day of November after the 30th → 0 days, 0.00 < 25.00 → + December.
        var quote = Quote(Monthly(5000), "2026-11-30");

        AssertQuote(quote, 5000, "2026-11-30", "2026-12-31");
        AssertPartial(quote, "2026-11-30", "2026-11-30", 0, 0);
        AssertFull(quote, ("2026-12-01", "2026-12-31", 5000));
    }

    [Fact]
    public void Yen_have_no_minor_unit_and_the_partial_is_rounded_down_to_the_yen()
    {
        // 980 JPY; 20 Nov → 10 of 30 days: 980 × 10 / 30 = 326.67 → 326 < 490 → + 980 = 1306.
        var quote = Quote(Monthly(980, "JPY"), "2026-11-20");

        AssertQuote(quote, 1306, "2026-11-20", "2026-12-31");
        AssertPartial(quote, "2026-11-20", "2026-11-30", 10, 326);
        Assert.Equal(Money.Of(490, "JPY"), quote.Minimum);
    }

    [Fact]
    public void A_half_yen_minimum_is_rounded_up()
    {
        // 999 JPY: 50 % = 499.5 → 500. 5 Nov → 25 of 30 days: 999 × 25 / 30 = 832.5 → 832 ≥ 500.
        var quote = Quote(Monthly(999, "JPY"), "2026-11-05");

        Assert.Equal(Money.Of(500, "JPY"), quote.Minimum);
        AssertQuote(quote, 832, "2026-11-05", "2026-11-30");
    }

    [Fact]
    public void Bahraini_dinars_count_in_fils()
    {
        // 7.777 BHD = 7777 fils, billing on the 15th. 20 Nov → period 15 Nov..14 Dec = 30 days; after the 20th: 21 Nov..14 Dec = 24 days.
        // 7777 × 24 / 30 = 6221.6 → 6221; minimum 3888.5 → 3889; 6221 ≥ 3889.
        var quote = Quote(Monthly(7777, "BHD", billingDay: 15), "2026-11-20");

        Assert.Equal(Money.Of(3889, "BHD"), quote.Minimum);
        AssertQuote(quote, 6221, "2026-11-20", "2026-12-14");
        AssertPartial(quote, "2026-11-20", "2026-12-14", 24, 6221);
    }

    [Fact]
    public void The_plans_minimum_wins_over_the_settings_percentage()
    {
        // Minimum 40.00 on a 50.00 plan. 5 Nov: 25 days → 4166 ≥ 4000. 10 Nov: 20 days → 3333 < 4000 → + 5000 = 8333.
        var plan = Monthly(5000, min: Money.Of(4000, "EUR"));

        AssertQuote(Quote(plan, "2026-11-05"), 4166, "2026-11-05", "2026-11-30");
        AssertQuote(Quote(plan, "2026-11-10"), 8333, "2026-11-10", "2026-12-31");
    }

    [Fact]
    public void A_plan_minimum_in_another_currency_falls_back_to_the_percentage()
    {
        var plan = Monthly(5000, min: Money.Of(4000, "SEK"));

        Assert.Equal(Money.Of(2500, "EUR"), Quote(plan, "2026-11-10").Minimum);
        AssertQuote(Quote(plan, "2026-11-10"), 3333, "2026-11-10", "2026-11-30");
    }

    [Fact]
    public void A_lower_settings_percentage_keeps_a_short_partial_on_its_own()
    {
        // 30 % of 5000 = 1500; the seed's 1666 is above it, so no full month is added.
        var quote = Quote(Monthly(5000), "2026-11-20", percent: 30);

        AssertQuote(quote, 1666, "2026-11-20", "2026-11-30");
        Assert.Empty(quote.FullPeriods);
    }

    [Fact]
    public void Activation_billing_prepays_one_full_period_from_the_start_date()
    {
        var quote = Quote(Monthly(5000, billing: BillingMode.Activation), "2026-11-20");

        AssertQuote(quote, 5000, "2026-11-20", "2026-12-19");
        Assert.Null(quote.Partial);
        AssertFull(quote, ("2026-11-20", "2026-12-19", 5000));
    }

    [Fact]
    public void Activation_on_the_31st_keeps_its_day_after_february()
    {
        // 31 Jan 2027 → next start 28 Feb (clamped) → then 31 Mar: the anchor is the 31st, not the clamped 28th.
        var plan = Monthly(5000, billing: BillingMode.Activation);
        var quote = Quote(plan, "2027-01-31");
        var calendar = BillingCalendar.For(plan, DateOnly.Parse("2027-01-31"));

        AssertQuote(quote, 5000, "2027-01-31", "2027-02-27");
        Assert.Equal(new FullPeriod(DateOnly.Parse("2027-02-28"), DateOnly.Parse("2027-03-30"), Money.Of(5000, "EUR")), Proration.Renewal(calendar, quote.PeriodEnd, Money.Of(5000, "EUR")));
    }

    [Fact]
    public void Activation_billing_of_a_yearly_plan_from_29_february_renews_on_28_february()
    {
        var quote = Quote(Monthly(9900, billing: BillingMode.Activation, interval: BillingInterval.Year), "2028-02-29");

        AssertQuote(quote, 9900, "2028-02-29", "2029-02-27");
    }

    [Fact]
    public void Week_plans_bill_from_activation_even_when_fixed()
    {
        // Two weeks from 20 Nov: 20 Nov..3 Dec.
        var quote = Quote(Monthly(700, interval: BillingInterval.Week, count: 2), "2026-11-20");

        AssertQuote(quote, 700, "2026-11-20", "2026-12-03");
        Assert.Null(quote.Partial);
    }

    [Fact]
    public void A_quarterly_fixed_plan_prorates_over_the_whole_quarter()
    {
        // Billing on the 1st every 3 months from 1 Nov: 1 Nov..31 Jan = 30 + 31 + 31 = 92 days; after 20 Nov: 10 + 31 + 31 = 72.
        // 15000 × 72 / 92 = 11739.13 → 11739 ≥ 7500.
        var quote = Quote(Monthly(15000, count: 3), "2026-11-20");

        AssertQuote(quote, 11739, "2026-11-20", "2027-01-31");
        AssertPartial(quote, "2026-11-20", "2027-01-31", 72, 11739);
    }

    [Fact]
    public void Renewals_follow_the_fixed_billing_calendar()
    {
        // After the seed's prepayment (paid through 31 Dec), the next period is January: 1..31 Jan.
        var plan = Monthly(5000);
        var calendar = BillingCalendar.For(plan, DateOnly.Parse("2026-11-20"));

        Assert.Equal(new FullPeriod(DateOnly.Parse("2027-01-01"), DateOnly.Parse("2027-01-31"), Money.Of(5000, "EUR")), Proration.Renewal(calendar, DateOnly.Parse("2026-12-31"), Money.Of(5000, "EUR")));
    }
}
