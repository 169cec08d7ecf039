using CleanPrepay.Domain.Coupons;
using CleanPrepay.Domain.Money;
using CleanPrepay.Domain.Orders;

namespace CleanPrepay.Domain.UnitTests;

using Money = CleanPrepay.Domain.Money.Money;

/// <summary>Packages are paid from outside and discounted only by name (ADR 0026).</summary>
public sealed class StoredValueRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    private static readonly OrderLineDraft Package = new(OrderItemKind.Package, "pkg_1", "Pay 10 get 11", Money.Of(1000, "EUR"), null, null);

    private static readonly OrderLineDraft Video = new(OrderItemKind.VideoBuy, "vid_1", "A film (buy)", Money.Of(1299, "EUR"), 5, null);

    [Theory]
    [InlineData(OrderPaymentMethod.Wallet, "wallet_not_accepted")]
    [InlineData(OrderPaymentMethod.Credits, "credits_not_accepted")]
    [InlineData(OrderPaymentMethod.Gateway, null)]
    public void A_package_is_paid_by_gateway_only(OrderPaymentMethod method, string? code)
    {
        Assert.Equal(code, Order.PaymentRefusal([Video, Package], method)?.Code);
        Assert.Null(Order.PaymentRefusal([Video], method));
        if (code is not null)
        {
            Assert.Throws<InvalidOperationException>(() => Order.Place("cus_1", Currency.EUR, "SE", 0, [Package], method, Now));
        }
    }

    [Fact]
    public void Order_and_account_coupons_discount_a_package_only_when_their_campaign_names_it()
    {
        var plain = Campaign(CouponScope.Order, null);
        var account = Campaign(CouponScope.Account, null);
        var named = Campaign(CouponScope.Order, ["pkg_1"]);

        Assert.False(plain.Discounts(OrderItemKind.Package, "pkg_1"));
        Assert.False(account.Discounts(OrderItemKind.Package, "pkg_1"));
        Assert.True(plain.Discounts(OrderItemKind.VideoBuy, "vid_1"));
        Assert.True(named.Discounts(OrderItemKind.Package, "pkg_1"));
        Assert.False(named.Discounts(OrderItemKind.Package, "pkg_2"));
        Assert.True(named.Discounts(OrderItemKind.Plan, "pln_1"));
        Assert.False(Campaign(CouponScope.Subscription, null).Discounts(OrderItemKind.Package, "pkg_1"));
        var refused = CouponCampaign.Create(Terms(CouponScope.Subscription, ["pkg_1"]), "CODE1", false, Now);
        Assert.Equal("validation_failed", refused.Error!.Code);
    }

    private static CouponCampaign Campaign(CouponScope scope, IReadOnlyList<string>? packageIds) =>
        CouponCampaign.Create(Terms(scope, packageIds), "CODE1", false, Now).Value;

    private static CouponTerms Terms(CouponScope scope, IReadOnlyList<string>? packageIds) =>
        new("Free", 10_000, null, null, CouponDuration.Once, null, scope, null, null, null, packageIds);
}
