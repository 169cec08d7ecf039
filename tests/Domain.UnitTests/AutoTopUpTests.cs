using CleanPrepay.Domain.Monetary;
using CleanPrepay.Domain.TopUps;
using CleanPrepay.Domain.TopUps.Events;

namespace CleanPrepay.Domain.UnitTests;

/// <summary>An auto top-up's claim, its monthly cap and its failure rule (ADR 0039).</summary>
public sealed class AutoTopUpTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 31, 23, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Retry = TimeSpan.FromHours(1);

    private static AutoTopUp Configured(int maxPerMonth = 5)
    {
        var auto = AutoTopUp.Create("cus_1", "EUR", Now);
        auto.Configure(true, Money.Of(500, "EUR"), null, 1000, "spm_1", maxPerMonth, Now);
        return auto;
    }

    [Fact]
    public void Only_a_balance_strictly_below_the_threshold_is_due_and_one_claim_wins()
    {
        var auto = Configured();
        Assert.False(auto.IsDue(500, Now));
        Assert.True(auto.IsDue(499, Now));

        Assert.True(auto.Start("top_1", 499, Now).IsSuccess);
        Assert.False(auto.Start("top_2", 499, Now).IsSuccess);
        Assert.Equal("top_1", auto.InFlightTopUpId);

        auto.Succeeded("top_2", Now); // not the one in flight: nothing changes
        Assert.Equal("top_1", auto.InFlightTopUpId);
        auto.Succeeded("top_1", Now);
        Assert.Null(auto.InFlightTopUpId);
    }

    [Fact]
    public void The_monthly_cap_counts_per_calendar_month_in_utc()
    {
        var auto = Configured(maxPerMonth: 1);
        Assert.True(auto.Start("top_1", 0, Now).IsSuccess);
        auto.Succeeded("top_1", Now);

        Assert.False(auto.IsDue(0, Now.AddMinutes(59)));
        Assert.True(auto.IsDue(0, Now.AddHours(1))); // 2027-01-01T00:00Z: a new month
    }

    [Fact]
    public void Three_failures_in_a_row_turn_it_off_once_and_a_failure_waits_before_the_next_attempt()
    {
        var auto = Configured();
        var at = Now;
        for (var i = 1; i <= 3; i++)
        {
            Assert.True(auto.Start($"top_{i}", 0, at).IsSuccess);
            auto.Failed($"top_{i}", Retry, at);
            Assert.False(auto.IsDue(0, at + Retry - TimeSpan.FromSeconds(1)));
            at += Retry;
        }

        Assert.False(auto.Enabled);
        Assert.Single(auto.DomainEvents.OfType<AutoTopUpDisabled>());

        auto.Configure(true, Money.Of(500, "EUR"), null, 1000, "spm_1", 5, at);
        Assert.Equal((true, 0), (auto.Enabled, auto.Failures));
    }

    [Fact]
    public void A_success_resets_the_failures()
    {
        var auto = Configured();
        auto.CouldNotStart(Retry, Now);
        auto.CouldNotStart(Retry, Now);
        Assert.True(auto.Start("top_1", 0, Now + Retry).IsSuccess);
        auto.Succeeded("top_1", Now + Retry);

        Assert.Equal((0, true), (auto.Failures, auto.Enabled));
    }

    [Fact]
    public void A_removed_one_is_off_and_a_re_configured_one_keeps_its_top_up_in_flight_and_the_months_count()
    {
        var auto = Configured(maxPerMonth: 2);
        auto.Start("top_1", 0, Now);

        auto.Remove(Now);
        Assert.Equal((false, true), (auto.Enabled, auto.RemovedAt is not null));
        auto.Configure(true, Money.Of(500, "EUR"), null, 1000, "spm_1", 2, Now);

        Assert.Null(auto.RemovedAt);
        Assert.False(auto.IsDue(0, Now)); // top_1 is still in flight
        auto.Succeeded("top_1", Now);
        Assert.True(auto.Start("top_2", 0, Now).IsSuccess);
        auto.Succeeded("top_2", Now);
        Assert.False(auto.IsDue(0, Now)); // two this month, across the remove
    }
}
