using CleanPrepay.Domain.Coupons;
using CleanPrepay.Domain.Monetary;
using CleanPrepay.Domain.Orders;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Domain.Wallets;

namespace CleanPrepay.Domain.UnitTests;


/// <summary>Packages are paid from outside and discounted only by name (ADR 0026); refunds take grants back (ADR 0027).</summary>
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

    [Fact]
    public void A_reversal_goes_past_the_negative_limit_and_then_no_debit_is_accepted()
    {
        var wallet = Wallet.Open("cus_1", Now);
        wallet.Credit(Money.Of(200, "EUR"), LedgerEntryKind.TopUp, "ord_1", null, "system", Now);
        wallet.CreditCredits(2, LedgerEntryKind.Bonus, "ord_1", null, "system", Now);

        Assert.True(wallet.Reverse(Money.Of(1200, "EUR"), "ord_1", "refund", "system", Now).IsSuccess);
        Assert.True(wallet.ReverseCredits(12, "ord_1", "refund", "system", Now).IsSuccess);

        Assert.Equal(Money.Of(-1000, "EUR"), wallet.BalanceOf(Currency.EUR));
        Assert.Equal(-10, wallet.Credits);
        Assert.Equal(-1000, wallet.NewEntries.Where(e => e.Currency == "EUR").Sum(e => e.Amount));
        Assert.Equal(-10, wallet.NewEntries.Where(e => e.IsCredits).Sum(e => e.Amount));
        Assert.All(wallet.NewEntries.Skip(2), e => Assert.Equal(LedgerEntryKind.Reversal, e.Kind));
        Assert.Equal("insufficient_balance", wallet.Debit(Money.Of(1, "EUR"), Money.Of(500, "EUR"), LedgerEntryKind.OrderPayment, null, null, "a", Now).Error!.Code);
        Assert.Equal("validation_failed", wallet.Reverse(Money.Zero(Currency.EUR), null, null, "a", Now).Error!.Code);
    }

    [Theory]
    [InlineData(1100, 0, 333, 1000, 366)] // 366.3 rounds down
    [InlineData(1100, 366, 666, 1000, 366)] // 732.6 → 732, less the 366 taken
    [InlineData(1100, 732, 1000, 1000, 368)] // the last refund takes the exact rest
    [InlineData(10, 0, 99, 1000, 0)] // less than one credit's share: nothing yet
    [InlineData(10, 10, 1000, 1000, 0)] // all taken already
    [InlineData(0, 0, 1000, 1000, 0)]
    [InlineData(1_000_000_000_000_000, 0, 999_999_999_999_999, 1_000_000_000_000_000, 999_999_999_999_999)] // no overflow
    public void A_refund_reverses_its_cumulative_share_of_a_grant_rounded_down(long granted, long reversed, long refunded, long paid, long due) =>
        Assert.Equal(due, Wallet.ReversalDue(granted, reversed, refunded, paid));

    [Fact]
    public void What_a_payment_returned_otherwise_is_never_refunded()
    {
        var payment = Payment.Start("cus_1", "sandbox", Money.Of(700, "EUR"), PaymentPurpose.Order, "ord_1", Now);
        payment.Apply(new GatewayOutcome(PaymentStatus.Succeeded, "ch_1"), Now);

        payment.RecordReturn(500, Now);

        Assert.Equal((200L, 500L), (payment.RefundableAmount, payment.GivenBack));
        Assert.Equal("refund_exceeds_payment", payment.RecordRefund(201, 0, Now).Error!.Code);
        Assert.True(payment.RecordRefund(200, 0, Now).IsSuccess);
        Assert.Equal((0L, 700L), (payment.RefundableAmount, payment.GivenBack));
        Assert.Throws<InvalidOperationException>(() => payment.RecordReturn(1, Now));
    }

    private static CouponCampaign Campaign(CouponScope scope, IReadOnlyList<string>? packageIds) =>
        CouponCampaign.Create(Terms(scope, packageIds), "CODE1", false, Now).Value;

    private static CouponTerms Terms(CouponScope scope, IReadOnlyList<string>? packageIds) =>
        new("Free", 10_000, null, null, CouponDuration.Once, null, scope, null, null, null, packageIds);
}
