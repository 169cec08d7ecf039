using CleanPrepay.Domain.Catalog;
using CleanPrepay.Domain.Monetary;
using CleanPrepay.Domain.Subscriptions;
using CleanPrepay.Domain.Subscriptions.Events;

namespace CleanPrepay.Domain.UnitTests;

/// <summary>The subscription's and its prepayments' state machines (ADR 0018, 0033).</summary>
public sealed class SubscriptionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private static readonly DateOnly Today = new(2026, 12, 6);

    private static readonly TimeSpan[] Retries = [TimeSpan.FromDays(1), TimeSpan.FromDays(3)];

    private static readonly Plan Monthly =
        Plan.Create("Monthly", new PriceList([Money.Of(1000, "EUR")]), BillingInterval.Month, 1, 7, false, BillingMode.Activation, 1, null, true, Now);

    private static Subscription Start(int trialDays = 0) =>
        Subscription.Start("cus_1", Monthly, Money.Of(1000, "EUR"), Today, trialDays, RenewalMethod.Wallet, null, null, null, Now);

    private static Subscription Active()
    {
        var subscription = Start();
        subscription.Paid(new DateOnly(2027, 1, 5), Now);
        return subscription;
    }

    [Fact]
    public void A_trial_starts_trialing_and_the_first_charge_falls_on_the_day_after_it()
    {
        var subscription = Start(trialDays: 7);

        Assert.Equal((SubscriptionStatus.Trialing, new DateOnly(2026, 12, 13)), (subscription.Status, subscription.TrialEndsOn));
        Assert.Equal(new DateTimeOffset(2026, 12, 13, 0, 0, 0, TimeSpan.Zero), subscription.NextChargeAt);
        Assert.Equal(Money.Of(1000, "EUR"), subscription.Price);
        Assert.Equal(13, subscription.AnchorDay);
        Assert.IsType<SubscriptionStarted>(Assert.Single(subscription.DomainEvents));
    }

    [Fact]
    public void Without_a_trial_it_waits_for_its_first_prepayment()
    {
        var subscription = Start();

        Assert.Equal((SubscriptionStatus.PendingPrepayment, (DateTimeOffset?)null, (DateOnly?)null), (subscription.Status, subscription.NextChargeAt, subscription.PaidThrough));
        Assert.Equal(Today, subscription.NextChargeFrom);
    }

    [Fact]
    public void A_paid_prepayment_activates_it_through_its_last_day_and_an_older_one_never_moves_that_back()
    {
        var subscription = Active();

        Assert.Equal((SubscriptionStatus.Active, new DateOnly(2027, 1, 5)), (subscription.Status, subscription.PaidThrough));
        Assert.Equal(new DateTimeOffset(2027, 1, 6, 0, 0, 0, TimeSpan.Zero), subscription.NextChargeAt);
        Assert.True(subscription.Paid(new DateOnly(2026, 12, 31), Now).IsSuccess);
        Assert.Equal(new DateOnly(2027, 1, 5), subscription.PaidThrough);
    }

    [Fact]
    public void Failed_renewals_go_past_due_with_each_retry_delay_then_cancel()
    {
        var subscription = Active();

        subscription.RenewalFailed(Retries, Now);
        Assert.Equal((SubscriptionStatus.PastDue, 1, Now.AddDays(1)), (subscription.Status, subscription.FailedAttempts, subscription.NextChargeAt));
        subscription.RenewalFailed(Retries, Now);
        Assert.Equal((SubscriptionStatus.PastDue, 2, Now.AddDays(3)), (subscription.Status, subscription.FailedAttempts, subscription.NextChargeAt));
        Assert.True(subscription.RenewalFailed(Retries, Now).IsSuccess);

        Assert.Equal((SubscriptionStatus.Canceled, "payment_failed", (DateTimeOffset?)null), (subscription.Status, subscription.CancelReason, subscription.NextChargeAt));
        Assert.Equal("payment_failed", Assert.IsType<SubscriptionCanceled>(subscription.DomainEvents[^1]).Reason);
    }

    [Fact]
    public void A_paid_renewal_clears_the_failed_attempts()
    {
        var subscription = Active();
        subscription.RenewalFailed(Retries, Now);

        subscription.Paid(new DateOnly(2027, 2, 5), Now);

        Assert.Equal((SubscriptionStatus.Active, 0), (subscription.Status, subscription.FailedAttempts));
    }

    [Fact]
    public void A_failed_charge_at_the_end_of_a_trial_keeps_it_trialing()
    {
        var subscription = Start(trialDays: 7);

        subscription.RenewalFailed(Retries, Now);

        Assert.Equal((SubscriptionStatus.Trialing, 1), (subscription.Status, subscription.FailedAttempts));
    }

    [Fact]
    public void A_canceled_subscription_refuses_every_later_transition_and_is_announced_once()
    {
        var subscription = Active();
        Assert.True(subscription.Cancel("canceled", Now).IsSuccess);
        var version = subscription.Version;

        Assert.Equal("subscription_canceled", subscription.Cancel("again", Now).Error!.Code);
        Assert.Equal("subscription_canceled", subscription.Paid(new DateOnly(2027, 2, 5), Now).Error!.Code);
        Assert.Equal("subscription_canceled", subscription.AwaitPrepayment(Now).Error!.Code);
        Assert.Equal("subscription_canceled", subscription.RenewalFailed(Retries, Now).Error!.Code);

        Assert.Equal((SubscriptionStatus.Canceled, "canceled", new DateOnly(2027, 1, 5), 0, version),
            (subscription.Status, subscription.CancelReason, subscription.PaidThrough, subscription.FailedAttempts, subscription.Version));
        Assert.Single(subscription.DomainEvents.OfType<SubscriptionCanceled>());
    }

    [Fact]
    public void A_cancellation_at_period_end_is_due_the_day_after_the_paid_days()
    {
        var subscription = Active();
        subscription.Charging(TimeSpan.FromMinutes(5), Now);
        var unpaid = Start();

        subscription.ScheduleCancellation(Now);
        unpaid.ScheduleCancellation(Now);

        Assert.True(subscription.CancelAtPeriodEnd);
        Assert.Equal(Now.AddMinutes(5), subscription.NextChargeAt); // a charge in flight keeps its lease
        Assert.Equal(Now, unpaid.NextChargeAt);
    }

    [Fact]
    public void Only_a_trialing_subscription_has_its_trial_extended()
    {
        var trialing = Start(trialDays: 7);

        trialing.ExtendTrial(Monthly, 14, Now);

        Assert.Equal((new DateOnly(2026, 12, 27), 27), (trialing.TrialEndsOn, trialing.AnchorDay));
        Assert.Throws<InvalidOperationException>(() => Active().ExtendTrial(Monthly, 14, Now));
    }

    [Fact]
    public void A_plan_change_keeps_the_day_paid_and_awaits_the_new_price()
    {
        var subscription = Active();
        subscription.RenewalFailed(Retries, Now);
        var yearly = Plan.Create("Yearly", new PriceList([Money.Of(9900, "EUR")]), BillingInterval.Year, 1, 0, false, BillingMode.Activation, 1, null, true, Now);

        subscription.ChangePlan(yearly, Money.Of(9900, "EUR"), new DateOnly(2026, 12, 20), Now);

        Assert.Equal((yearly.Id, Money.Of(9900, "EUR"), BillingInterval.Year), (subscription.PlanId, subscription.Price, subscription.Interval));
        Assert.Equal((SubscriptionStatus.PendingPrepayment, new DateOnly(2026, 12, 20), 0), (subscription.Status, subscription.PaidThrough, subscription.FailedAttempts));
        Assert.Equal(new DateOnly(2026, 12, 21), subscription.NextChargeFrom);
    }

    [Theory]
    [InlineData("2027-02-28", true)]
    [InlineData("2027-03-01", false)] // the day the coupon stops
    public void A_repeating_coupon_covers_periods_starting_before_its_end(string periodStart, bool covered)
    {
        var subscription = Active();
        Assert.False(subscription.CouponCovers(DateOnly.Parse(periodStart)));

        subscription.AttachCoupon("cpn_1", "SAVE", new DateOnly(2027, 3, 1), Now);

        Assert.Equal(covered, subscription.CouponCovers(DateOnly.Parse(periodStart)));
        subscription.AttachCoupon("cpn_1", "SAVE", null, Now);
        Assert.True(subscription.CouponCovers(new DateOnly(2099, 1, 1))); // forever
        subscription.DetachCoupon(Now);
        Assert.False(subscription.CouponCovers(DateOnly.Parse(periodStart)));
    }

    [Fact]
    public void A_prepayment_is_paid_once_and_then_closed_to_attempts_expiry_and_repricing()
    {
        var prepayment = Prepayment.Open(Start(), PrepaymentKind.Initial, Money.Of(1000, "EUR"), Today, new DateOnly(2027, 1, 5), Now.AddDays(2), Now);

        Assert.True(prepayment.Attempt("ord_1").IsSuccess);
        Assert.True(prepayment.Reprice(Money.Of(800, "EUR")).IsSuccess);
        Assert.True(prepayment.MarkPaid("ord_1", Now).IsSuccess);

        Assert.Equal("conflict", prepayment.MarkPaid("ord_2", Now).Error!.Code);
        Assert.Equal("conflict", prepayment.Attempt("ord_2").Error!.Code);
        Assert.Equal("conflict", prepayment.Expire(Now).Error!.Code);
        Assert.Equal("conflict", prepayment.Reprice(Money.Of(500, "EUR")).Error!.Code);
        Assert.Equal((PrepaymentStatus.Paid, "ord_1", Money.Of(800, "EUR"), 1), (prepayment.Status, prepayment.OrderId, prepayment.Amount, prepayment.Attempts));
        Assert.Throws<InvalidOperationException>(() => prepayment.Reprice(Money.Of(500, "SEK")));
    }

    [Fact]
    public void An_expired_prepayment_is_never_paid()
    {
        var prepayment = Prepayment.Open(Start(), PrepaymentKind.Initial, Money.Of(1000, "EUR"), Today, new DateOnly(2027, 1, 5), Now.AddDays(2), Now);

        Assert.True(prepayment.Expire(Now).IsSuccess);

        Assert.Equal("conflict", prepayment.MarkPaid("ord_1", Now).Error!.Code);
        Assert.Equal("conflict", prepayment.Cancel(Now).Error!.Code);
        Assert.Equal((PrepaymentStatus.Expired, Now), (prepayment.Status, prepayment.ClosedAt));
    }
}
