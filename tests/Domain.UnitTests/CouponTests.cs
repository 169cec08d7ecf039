using CleanPrepay.Domain.Coupons;
using CleanPrepay.Domain.Monetary;
using CleanPrepay.Domain.Orders;

namespace CleanPrepay.Domain.UnitTests;

/// <summary>A campaign's terms, caps, redeem-by and discounts, and a redemption's life (ADR 0017).</summary>
public sealed class CouponTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private static readonly CouponTerms TenPercent =
        new("Ten", 1000, null, null, CouponDuration.Once, null, CouponScope.Order, null, null, null);

    private static CouponCampaign Create(CouponTerms terms) => CouponCampaign.Create(terms, "CODE1", false, Now).Value;

    public static TheoryData<CouponTerms, string> Refused => new()
    {
        { TenPercent with { PercentOffBasisPoints = null }, "percentOff" }, // no kind
        { TenPercent with { AmountOff = [Money.Of(500, "EUR")] }, "percentOff" }, // two kinds
        { TenPercent with { PercentOffBasisPoints = 0 }, "percentOff" },
        { TenPercent with { PercentOffBasisPoints = 10_001 }, "percentOff" },
        { TenPercent with { PercentOffBasisPoints = null, AmountOff = [Money.Of(0, "EUR")] }, "amountOff" },
        { TenPercent with { PercentOffBasisPoints = null, AmountOff = [Money.Of(500, "EUR"), Money.Of(300, "EUR")] }, "amountOff" },
        { TenPercent with { PercentOffBasisPoints = null, FreeTrialDays = 14 }, "freeTrialDays" }, // an order has no trial
        { TenPercent with { PercentOffBasisPoints = null, FreeTrialDays = 3661, AppliesTo = CouponScope.Subscription }, "freeTrialDays" },
        { TenPercent with { Duration = CouponDuration.Repeating }, "durationInMonths" },
        { TenPercent with { Duration = CouponDuration.Repeating, DurationInMonths = 121 }, "durationInMonths" },
        { TenPercent with { DurationInMonths = 3 }, "durationInMonths" }, // once, with months
        { TenPercent with { PlanIds = ["pln_1"] }, "planIds" },
        { TenPercent with { AppliesTo = CouponScope.Subscription, PackageIds = ["pkg_1"] }, "packageIds" },
        { TenPercent with { MaxRedemptions = 0 }, "maxRedemptions" },
        { TenPercent with { RedeemBy = Now }, "redeemBy" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Terms_that_break_a_rule_are_refused_on_their_field(CouponTerms terms, string field)
    {
        var created = CouponCampaign.Create(terms, "CODE1", false, Now);

        Assert.Equal("validation_failed", created.Error!.Code);
        Assert.Equal([field], created.Error.Fields!.Keys);
    }

    [Fact]
    public void A_campaign_has_a_shared_code_or_bulk_codes_never_both()
    {
        Assert.Equal("code", CouponCampaign.Create(TenPercent, "CODE1", true, Now).Error!.Fields!.Keys.Single());
        Assert.Equal("code", CouponCampaign.Create(TenPercent, null, false, Now).Error!.Fields!.Keys.Single());
        Assert.True(CouponCampaign.Create(TenPercent, null, true, Now).IsSuccess);
    }

    [Fact]
    public void A_repeating_subscription_coupon_is_accepted_with_its_months()
    {
        var campaign = Create(TenPercent with { Duration = CouponDuration.Repeating, DurationInMonths = 3, AppliesTo = CouponScope.Subscription, PlanIds = ["pln_1", "pln_1"] });

        Assert.Equal((CouponKind.PercentOff, CouponDuration.Repeating, 3), (campaign.Kind, campaign.Duration, campaign.DurationInMonths));
        Assert.Equal(["pln_1"], campaign.PlanIds);
        Assert.True(campaign.CoversPlan("pln_1"));
        Assert.False(campaign.CoversPlan("pln_2"));
        Assert.True(campaign.Discounts(OrderItemKind.Plan, "pln_1"));
        Assert.False(campaign.Discounts(OrderItemKind.VideoBuy, "vid_1"));
    }

    [Fact]
    public void A_campaign_is_redeemable_until_its_redeem_by_instant_exclusive()
    {
        var campaign = Create(TenPercent with { RedeemBy = Now.AddDays(1) });

        Assert.Null(campaign.Refusal(Now.AddDays(1).AddTicks(-1)));
        Assert.Equal("could be redeemed until 2026-12-07T12:00:00Z only", campaign.Refusal(Now.AddDays(1)));
    }

    [Fact]
    public void An_expired_campaign_is_refused_until_restored()
    {
        var campaign = Create(TenPercent);

        campaign.Expire(Now);
        Assert.Equal("has been expired and not restored", campaign.Refusal(Now));
        campaign.Restore();

        Assert.Null(campaign.Refusal(Now));
    }

    [Fact]
    public void A_first_cap_starts_the_counter_at_the_redemptions_made_and_never_goes_below_them()
    {
        var campaign = Create(TenPercent);
        Assert.Equal(0, campaign.Redemptions); // no cap, no counter

        Assert.Equal("maxRedemptions", campaign.Edit(null, 2, null, redeemedSoFar: 3).Error!.Fields!.Keys.Single());
        Assert.True(campaign.Edit(null, 3, null, redeemedSoFar: 3).IsSuccess);

        Assert.Equal((3, 3), (campaign.MaxRedemptions, campaign.Redemptions));
        Assert.Equal("has reached its 3 redemption(s)", campaign.Refusal(Now));
        Assert.Equal("maxRedemptions", campaign.Edit(null, 0, null, redeemedSoFar: 0).Error!.Fields!.Keys.Single());
    }

    [Theory]
    [InlineData(3333, 1000, 333)] // 333.3 rounds toward zero
    [InlineData(6667, 1000, 666)] // 666.7 too: a coupon never gives more than it says
    [InlineData(10_000, 1299, 1299)]
    public void A_percentage_is_rounded_toward_zero(int basisPoints, long eligible, long discount)
    {
        var campaign = Create(TenPercent with { PercentOffBasisPoints = basisPoints });

        Assert.Equal(Money.Of(discount, "EUR"), campaign.DiscountOn(Money.Of(eligible, "EUR")));
    }

    [Fact]
    public void A_fixed_amount_takes_the_amount_of_that_currency_capped_at_what_is_eligible()
    {
        var campaign = Create(TenPercent with { PercentOffBasisPoints = null, AmountOff = [Money.Of(500, "EUR"), Money.Of(5000, "SEK")] });

        Assert.Equal(Money.Of(500, "EUR"), campaign.DiscountOn(Money.Of(1299, "EUR")));
        Assert.Equal(Money.Of(300, "EUR"), campaign.DiscountOn(Money.Of(300, "EUR")));
        Assert.Equal(Money.Of(5000, "SEK"), campaign.DiscountOn(Money.Of(9900, "SEK")));
        Assert.Null(campaign.DiscountOn(Money.Of(1000, "USD")));
    }

    [Fact]
    public void A_free_trial_discounts_no_price()
    {
        var campaign = Create(TenPercent with { PercentOffBasisPoints = null, FreeTrialDays = 14, AppliesTo = CouponScope.Account });

        Assert.Equal(CouponKind.FreeTrial, campaign.Kind);
        Assert.Null(campaign.DiscountOn(Money.Of(1000, "EUR")));
    }

    [Fact]
    public void A_redemption_released_by_a_failed_order_goes_back_to_the_account()
    {
        var redemption = CouponRedemption.ForOrder(Create(TenPercent), "CODE1", "cus_1", "ord_1", Money.Of(130, "EUR"), Now);
        Assert.Equal((RedemptionStatus.Applied, "ord_1", 130L, "EUR"), (redemption.Status, redemption.OrderId, redemption.DiscountAmount, redemption.Currency));

        Assert.True(redemption.Release().IsSuccess);

        Assert.Equal((RedemptionStatus.Attached, (string?)null, (long?)null, (string?)null), (redemption.Status, redemption.OrderId, redemption.DiscountAmount, redemption.Currency));
        Assert.Equal("coupon_not_applied", redemption.Release().Error!.Code);
    }

    [Fact]
    public void A_subscription_coupon_counts_every_discount_granted_in_one_currency()
    {
        var redemption = CouponRedemption.ForSubscription(Create(TenPercent), "CODE1", "cus_1", "sub_1", Now);

        redemption.Granted(Money.Of(100, "EUR"), Now);
        redemption.Granted(Money.Of(250, "EUR"), Now);

        Assert.Equal((350L, "EUR", "sub_1"), (redemption.DiscountAmount, redemption.Currency, redemption.SubscriptionId));
        Assert.Throws<InvalidOperationException>(() => redemption.Granted(Money.Of(100, "SEK"), Now));
    }

    [Theory]
    [InlineData("welcome-10 ", "WELCOME10")]
    [InlineData("Wel come-1-0", "WELCOME10")]
    public void Codes_match_without_case_or_separators(string typed, string key) =>
        Assert.Equal(key, CouponCode.Normalize(typed));

    [Fact]
    public void Bulk_codes_use_the_unambiguous_alphabet_in_three_groups_of_four()
    {
        var codes = CouponCode.Generate(50, "xmas");

        Assert.Equal(50, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^XMAS-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}$", c));
    }
}
