using CleanPrepay.Domain.Catalog;
using CleanPrepay.Domain.Settings;
using CleanPrepay.Domain.Subscriptions;
using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Domain.UnitTests;


/// <summary>What a plan entitles to, and when a trial is used up (ADR 0028).</summary>
public sealed class PlanEntitlementAndTrialTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static Plan NewPlan() =>
        Plan.Create("Plan", new PriceList([Money.Of(1000, "EUR")]), BillingInterval.Month, 1, 7, false, BillingMode.Activation, 1, null, true, Now);

    [Fact]
    public void A_new_plan_covers_every_video_but_the_rent_or_buy_only_ones()
    {
        var plan = NewPlan();

        Assert.Equal(PlanCoverage.AllVideos, plan.Coverage);
        Assert.True(plan.Covers("vid_a", rentOrBuyOnly: false));
        Assert.False(plan.Covers("vid_a", rentOrBuyOnly: true));
    }

    [Fact]
    public void An_all_videos_plan_covers_a_rent_or_buy_only_video_it_lists()
    {
        var plan = NewPlan();
        plan.SetCoverage(PlanCoverage.AllVideos, ["vid_premiere"]);

        Assert.True(plan.Covers("vid_premiere", rentOrBuyOnly: true));
        Assert.False(plan.Covers("vid_other", rentOrBuyOnly: true));
        Assert.True(plan.Covers("vid_other", rentOrBuyOnly: false));
    }

    [Fact]
    public void A_listed_plan_covers_only_its_videos_flagged_or_not()
    {
        var plan = NewPlan();
        plan.SetCoverage(PlanCoverage.ListedVideos, ["vid_a", "vid_b", "vid_a"]);

        Assert.Equal(["vid_a", "vid_b"], plan.VideoIds);
        Assert.True(plan.Covers("vid_a", rentOrBuyOnly: false));
        Assert.True(plan.Covers("vid_b", rentOrBuyOnly: true));
        Assert.False(plan.Covers("vid_c", rentOrBuyOnly: false));
    }

    [Fact]
    public void Per_plan_a_trial_is_used_by_an_earlier_trial_of_that_plan_only()
    {
        var grants = new[] { TrialGrant.Take(TrialPolicy.PerPlan, "cus_1", "pln_a", "sub_1", Now) };

        Assert.Equal("pln_a", grants[0].Scope);
        Assert.True(TrialGrant.Used(TrialPolicy.PerPlan, "pln_a", grants));
        Assert.False(TrialGrant.Used(TrialPolicy.PerPlan, "pln_b", grants));
        Assert.False(TrialGrant.Used(TrialPolicy.PerPlan, "pln_a", []));
    }

    [Fact]
    public void Per_merchant_any_earlier_trial_uses_it_up_and_the_key_is_shared()
    {
        var grants = new[] { TrialGrant.Take(TrialPolicy.PerPlan, "cus_1", "pln_a", "sub_1", Now) };

        Assert.True(TrialGrant.Used(TrialPolicy.PerMerchant, "pln_b", grants));
        Assert.False(TrialGrant.Used(TrialPolicy.PerMerchant, "pln_b", []));
        Assert.Equal(TrialGrant.ScopeFor(TrialPolicy.PerMerchant, "pln_a"), TrialGrant.ScopeFor(TrialPolicy.PerMerchant, "pln_b"));
    }
}
