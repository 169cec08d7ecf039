using CleanPrepay.Domain.Monetary;
using CleanPrepay.Domain.Orders;
using CleanPrepay.Domain.Orders.Events;

namespace CleanPrepay.Domain.UnitTests;

/// <summary>The order's amounts, its coupon rule, its state machine and its refund guard (ADR 0015, 0017, 0033).</summary>
public sealed class OrderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private static readonly OrderLineDraft Film = new(OrderItemKind.VideoBuy, "vid_1", "A film (buy)", Money.Of(1299, "EUR"), 5, null);

    private static readonly OrderLineDraft Plan = new(OrderItemKind.Plan, "pln_1", "Monthly", Money.Of(1000, "EUR"), 4, null);

    private static Order Place(OrderPaymentMethod method = OrderPaymentMethod.Gateway) =>
        Order.Place("cus_1", Currency.EUR, "SE", 2500, [Film, Plan], method, Now);

    [Fact]
    public void Placing_sums_the_lines_in_the_orders_currency_and_splits_the_tax_by_largest_remainder()
    {
        var order = Place();

        Assert.Equal(OrderStatus.Pending, order.Status);
        Assert.Equal(Currency.EUR, order.Currency);
        Assert.Equal(Money.Of(2299, "EUR"), order.Subtotal);
        Assert.Equal(Money.Of(0, "EUR"), order.Discount);
        Assert.Equal(Money.Of(2299, "EUR"), order.Total);
        Assert.Equal(Money.Of(460, "EUR"), order.Tax); // 2299 × 25/125 = 459.8, to even
        Assert.Equal([260L, 200L], order.Lines.Select(l => l.Tax));
        Assert.Null(order.CreditsTotal);
        Assert.Equal(9, Place(OrderPaymentMethod.Credits).CreditsTotal);
    }

    [Fact]
    public void A_coupon_is_split_over_the_eligible_lines_and_the_tax_is_recomputed_on_what_is_left()
    {
        var order = Place();

        var applied = order.ApplyCoupon("SAVE5", Money.Of(500, "EUR"), _ => true);

        Assert.True(applied.IsSuccess);
        Assert.Equal([283L, 217L], order.Lines.Select(l => l.Discount));
        Assert.Equal([203L, 157L], order.Lines.Select(l => l.Tax)); // 1799 × 25/125 = 359.8 → 360
        Assert.Equal((Money.Of(2299, "EUR"), Money.Of(500, "EUR"), Money.Of(360, "EUR"), Money.Of(1799, "EUR")), (order.Subtotal, order.Discount, order.Tax, order.Total));
        Assert.Equal("SAVE5", order.CouponCode);
    }

    [Fact]
    public void A_coupon_on_some_lines_leaves_the_others_whole()
    {
        var order = Place();

        order.ApplyCoupon("PLAN", Money.Of(1000, "EUR"), l => l.Kind == OrderItemKind.Plan);

        Assert.Equal([0L, 1000L], order.Lines.Select(l => l.Discount));
        Assert.Equal([260L, 0L], order.Lines.Select(l => l.Tax));
        Assert.Equal(Money.Of(1299, "EUR"), order.Total);
    }

    [Fact]
    public void A_second_coupon_or_a_coupon_after_paying_is_refused_with_coupon_invalid_and_changes_nothing()
    {
        var order = Place();
        order.ApplyCoupon("FIRST", Money.Of(100, "EUR"), _ => true);

        var second = order.ApplyCoupon("SECOND", Money.Of(100, "EUR"), _ => true);

        Assert.Equal(("coupon_invalid", Money.Of(2199, "EUR"), "FIRST"), (second.Error!.Code, order.Total, order.CouponCode));
        var paid = Place();
        paid.MarkPaid(Now);
        Assert.Equal("coupon_invalid", paid.ApplyCoupon("LATE", Money.Of(100, "EUR"), _ => true).Error!.Code);
        Assert.Equal(Money.Of(2299, "EUR"), paid.Total);
    }

    [Fact]
    public void A_discount_the_caller_computed_wrongly_is_a_bug_and_throws()
    {
        var order = Place();

        Assert.Throws<ArgumentOutOfRangeException>(() => order.ApplyCoupon("X", Money.Of(100, "SEK"), _ => true));
        Assert.Throws<ArgumentOutOfRangeException>(() => order.ApplyCoupon("X", Money.Of(1001, "EUR"), l => l.Kind == OrderItemKind.Plan));
        Assert.Throws<ArgumentOutOfRangeException>(() => order.ApplyCoupon("X", Money.Of(-1, "EUR"), _ => true));
        Assert.Throws<ArgumentOutOfRangeException>(() => order.ApplyCoupon("X", Money.Of(0, "EUR"), _ => false));
        Assert.Equal((Money.Of(2299, "EUR"), (string?)null), (order.Total, order.CouponCode));
    }

    [Fact]
    public void Paying_happens_once_and_raises_one_event_with_the_total()
    {
        var order = Place();

        Assert.True(order.MarkRequiresAction().IsSuccess);
        Assert.True(order.MarkPaid(Now).IsSuccess);
        var again = order.MarkPaid(Now.AddMinutes(1));

        Assert.Equal(("order_not_awaiting_payment", OrderStatus.Paid, Now), (again.Error!.Code, order.Status, order.PaidAt));
        var paid = Assert.IsType<OrderPaid>(Assert.Single(order.DomainEvents));
        Assert.Equal((2299L, "EUR"), (paid.Total, paid.Currency));
    }

    [Fact]
    public void A_late_failure_of_a_paid_order_is_refused_and_a_failed_order_is_never_paid()
    {
        var paid = Place();
        paid.MarkPaid(Now);

        Assert.Equal("order_not_awaiting_payment", paid.MarkFailed(Now).Error!.Code);
        Assert.Equal((OrderStatus.Paid, (DateTimeOffset?)null), (paid.Status, paid.FailedAt));

        var failed = Place();
        Assert.True(failed.MarkFailed(Now).IsSuccess);
        Assert.Equal("order_not_awaiting_payment", failed.MarkPaid(Now).Error!.Code);
        Assert.Equal("order_not_awaiting_payment", failed.MarkFailed(Now).Error!.Code);
        Assert.Equal((OrderStatus.Failed, Now), (failed.Status, failed.FailedAt));
        Assert.Empty(failed.DomainEvents);
    }

    [Fact]
    public void Only_a_pending_order_waits_for_an_action()
    {
        var order = Place();
        order.MarkRequiresAction();

        Assert.Equal("order_not_pending", order.MarkRequiresAction().Error!.Code);
        order.MarkPaid(Now);
        Assert.Equal("order_not_pending", order.MarkRequiresAction().Error!.Code);
        Assert.Equal(OrderStatus.Paid, order.Status);
    }

    [Fact]
    public void Refunds_count_against_what_was_paid_and_the_last_one_makes_the_order_refunded()
    {
        var order = Place();
        order.MarkPaid(Now);

        var partial = order.RecordRefund(1000, 0, Now);
        Assert.False(partial.Value);
        Assert.Equal((OrderStatus.Paid, Money.Of(1000, "EUR"), Money.Of(1299, "EUR")), (order.Status, order.RefundedAmount, order.RefundableAmount));

        Assert.Equal("refund_exceeds_order", order.RecordRefund(1300, 0, Now).Error!.Code);
        Assert.True(order.RecordRefund(1299, 0, Now).Value);
        Assert.Equal((OrderStatus.Refunded, Money.Of(2299, "EUR")), (order.Status, order.RefundedAmount));
        Assert.Equal("refund_exceeds_order", order.RecordRefund(1, 0, Now).Error!.Code);
        Assert.Equal(Money.Of(2299, "EUR"), order.RefundedAmount);
    }

    [Fact]
    public void An_unpaid_order_or_an_empty_refund_is_refused()
    {
        var pending = Place();

        Assert.Equal("order_not_refundable", pending.RecordRefund(100, 0, Now).Error!.Code);
        pending.MarkFailed(Now);
        Assert.Equal("order_not_refundable", pending.RecordRefund(100, 0, Now).Error!.Code);
        var paid = Place();
        paid.MarkPaid(Now);
        Assert.Equal("validation_failed", paid.RecordRefund(0, 0, Now).Error!.Code);
        Assert.Equal("validation_failed", paid.RecordRefund(-1, 0, Now).Error!.Code);
        Assert.Equal(Money.Of(0, "EUR"), paid.RefundedAmount);
    }

    [Fact]
    public void An_order_paid_with_credits_is_refunded_in_credits()
    {
        var order = Place(OrderPaymentMethod.Credits);
        order.MarkPaid(Now);

        Assert.Equal("refund_exceeds_order", order.RecordRefund(0, 10, Now).Error!.Code);
        Assert.False(order.RecordRefund(0, 4, Now).Value);
        Assert.True(order.RecordRefund(0, 5, Now).Value);
        Assert.Equal((OrderStatus.Refunded, 9L, 0L), (order.Status, order.RefundedCredits, order.RefundableCredits));
    }

    [Fact]
    public void A_reissued_order_keeps_the_lines_discount_and_totals_and_starts_over()
    {
        var order = Place();
        order.ApplyCoupon("SAVE5", Money.Of(500, "EUR"), _ => true);
        order.MarkFailed(Now);

        var copy = order.Reissue(OrderPaymentMethod.Wallet, Now.AddDays(1));

        Assert.NotEqual(order.Id, copy.Id);
        Assert.Equal((OrderStatus.Pending, OrderPaymentMethod.Wallet, "SAVE5"), (copy.Status, copy.PaymentMethod, copy.CouponCode));
        Assert.Equal((order.Subtotal, order.Discount, order.Tax, order.Total), (copy.Subtotal, copy.Discount, copy.Tax, copy.Total));
        Assert.Equal(order.Lines.Select(l => (l.Price, l.Discount, l.Tax)), copy.Lines.Select(l => (l.Price, l.Discount, l.Tax)));
        Assert.False(copy.IsOpenForCoupon);
    }

    [Fact]
    public void The_payment_method_changes_only_before_any_payment()
    {
        var order = Place();
        order.PayWith(OrderPaymentMethod.Wallet);
        Assert.Equal(OrderPaymentMethod.Wallet, order.PaymentMethod);

        order.AttachPayment("pay_1");

        Assert.Throws<InvalidOperationException>(() => order.PayWith(OrderPaymentMethod.Gateway));
    }
}
