using CleanPrepay.Domain.Monetary;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Domain.Payments.Events;

namespace CleanPrepay.Domain.UnitTests;

/// <summary>A payment's forward-only status, its refund guard and its reservations (ADR 0015, 0027, 0033).</summary>
public sealed class PaymentTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private static Payment Start(long amount = 1000) => Payment.Start("cus_1", "sandbox", Money.Of(amount, "EUR"), PaymentPurpose.Order, "ord_1", Now);

    private static Payment Succeeded(long amount = 1000)
    {
        var payment = Start(amount);
        payment.Apply(new GatewayOutcome(PaymentStatus.Succeeded, "ch_1"), Now);
        return payment;
    }

    [Fact]
    public void A_success_is_applied_once_and_nothing_moves_a_final_payment()
    {
        var payment = Start();

        Assert.False(payment.Apply(new GatewayOutcome(PaymentStatus.RequiresAction, "ch_1", "redirect", "https://acs.test/1"), Now));
        Assert.Equal((PaymentStatus.RequiresAction, "redirect", "https://acs.test/1"), (payment.Status, payment.NextActionType, payment.NextActionUrl));
        Assert.True(payment.Apply(new GatewayOutcome(PaymentStatus.Succeeded, null), Now));
        Assert.False(payment.Apply(new GatewayOutcome(PaymentStatus.Succeeded, null), Now));
        Assert.False(payment.Apply(new GatewayOutcome(PaymentStatus.Failed, null, FailureCode: "card_declined"), Now));

        Assert.Equal((PaymentStatus.Succeeded, "ch_1", (string?)null, (string?)null), (payment.Status, payment.ProviderReference, payment.NextActionUrl, payment.FailureCode));
        Assert.IsType<PaymentSucceeded>(Assert.Single(payment.DomainEvents));
    }

    [Fact]
    public void No_answer_from_the_provider_changes_nothing()
    {
        var payment = Start();
        var version = payment.Version;

        Assert.False(payment.Apply(GatewayOutcome.NoAnswer, Now));

        Assert.Equal((PaymentStatus.Pending, version), (payment.Status, payment.Version));
    }

    [Fact]
    public void A_decline_is_final_and_keeps_its_failure_code()
    {
        var payment = Start();

        payment.Apply(new GatewayOutcome(PaymentStatus.Failed, "ch_1", FailureCode: "card_declined", FailureMessage: "Declined"), Now);

        Assert.Equal((PaymentStatus.Failed, "card_declined", true), (payment.Status, payment.FailureCode, payment.IsFinal));
        Assert.Equal(0, payment.RefundableAmount);
        Assert.False(payment.Apply(new GatewayOutcome(PaymentStatus.Succeeded, null), Now));
    }

    [Fact]
    public void A_wallet_payment_succeeds_at_once_with_its_credits()
    {
        var payment = Payment.FromWallet("cus_1", "credits", Money.Of(0, "EUR"), 7, PaymentPurpose.Order, "ord_1", Now);

        Assert.Equal((PaymentStatus.Succeeded, 7L, 0L), (payment.Status, payment.RefundableCredits, payment.RefundableAmount));
    }

    [Fact]
    public void Refunds_reserve_what_was_paid_and_never_more()
    {
        var payment = Succeeded();

        Assert.True(payment.RecordRefund(600, 0, Now).IsSuccess);
        Assert.Equal(400, payment.RefundableAmount);
        Assert.Equal("refund_exceeds_payment", payment.RecordRefund(401, 0, Now).Error!.Code);
        Assert.Equal("refund_exceeds_payment", payment.RecordRefund(0, 1, Now).Error!.Code);
        Assert.Equal("validation_failed", payment.RecordRefund(0, 0, Now).Error!.Code);
        Assert.Equal("validation_failed", payment.RecordRefund(-5, 0, Now).Error!.Code);
        Assert.Equal(600, payment.RefundedAmount);
    }

    [Fact]
    public void An_unfinished_payment_has_nothing_to_refund()
    {
        Assert.Equal("refund_exceeds_payment", Start().RecordRefund(1, 0, Now).Error!.Code);
    }

    [Fact]
    public void A_refused_refund_releases_its_reservation_but_never_more_than_was_reserved()
    {
        var payment = Succeeded();
        payment.RecordRefund(600, 0, Now);

        payment.ReleaseRefund(600, 0, Now);

        Assert.Equal((0L, 1000L), (payment.RefundedAmount, payment.RefundableAmount));
        Assert.Throws<InvalidOperationException>(() => payment.ReleaseRefund(1, 0, Now));
        Assert.Throws<InvalidOperationException>(() => payment.ReleaseRefund(-1, 0, Now));
    }

    [Fact]
    public void Only_an_unfinished_payment_is_repriced_and_only_in_its_currency()
    {
        var payment = Start();

        payment.Reprice(Money.Of(750, "EUR"), Now);

        Assert.Equal(Money.Of(750, "EUR"), payment.Amount);
        Assert.Throws<InvalidOperationException>(() => payment.Reprice(Money.Of(750, "SEK"), Now));
        Assert.Throws<InvalidOperationException>(() => payment.Reprice(Money.Of(0, "EUR"), Now));
        Assert.Throws<InvalidOperationException>(() => Succeeded().Reprice(Money.Of(500, "EUR"), Now));
    }

    [Fact]
    public void A_superseded_payment_is_canceled_without_a_failure_and_a_final_one_cannot_be()
    {
        var payment = Start();

        payment.Supersede(Now);

        Assert.Equal((PaymentStatus.Canceled, "superseded"), (payment.Status, payment.FailureCode));
        Assert.Empty(payment.DomainEvents);
        Assert.Throws<InvalidOperationException>(() => payment.Supersede(Now));
        Assert.Throws<InvalidOperationException>(() => Succeeded().Supersede(Now));
    }

    [Fact]
    public void Reconciliation_backs_off_by_doubling_up_to_the_cap()
    {
        var payment = Start();
        var delays = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            payment.ScheduleSync(Now, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10));
            delays.Add(payment.NextSyncAt!.Value - Now);
        }

        Assert.Equal([1, 2, 4, 8, 10], delays.Select(d => d.TotalMinutes));
        payment.Apply(new GatewayOutcome(PaymentStatus.Succeeded, null), Now);
        Assert.Null(payment.NextSyncAt);
    }

    [Fact]
    public void A_late_report_about_an_old_won_dispute_does_not_reopen_it_after_a_newer_one()
    {
        var payment = Succeeded();

        Assert.False(payment.ApplyDispute("dp_a", DisputeStatus.Disputed, 1000, "fraudulent", Now).Value);
        Assert.False(payment.ApplyDispute("dp_a", DisputeStatus.Won, 1000, null, Now).Value);
        Assert.False(payment.ApplyDispute("dp_b", DisputeStatus.Disputed, 400, "duplicate", Now).Value);
        Assert.False(payment.ApplyDispute("dp_b", DisputeStatus.Won, 400, null, Now).Value);
        Assert.False(payment.ApplyDispute("dp_a", DisputeStatus.Disputed, 1000, "fraudulent", Now).Value); // late, redelivered
        Assert.False(payment.ApplyDispute("dp_a", DisputeStatus.Lost, 1000, null, Now).Value); // and a forged or stale close

        Assert.Equal(("dp_b", DisputeStatus.Won, 400L), (payment.DisputeId, payment.Dispute, payment.DisputedAmount));
        Assert.True(payment.ApplyDispute("dp_c", DisputeStatus.Lost, 300, null, Now).Value); // a genuinely new one still counts
        Assert.Equal(("dp_c", DisputeStatus.Lost), (payment.DisputeId, payment.Dispute));
    }

    [Fact]
    public void A_second_dispute_while_one_is_open_and_any_after_a_loss_are_ignored()
    {
        var payment = Succeeded();

        payment.ApplyDispute("dp_a", DisputeStatus.Disputed, 1000, null, Now);
        Assert.False(payment.ApplyDispute("dp_b", DisputeStatus.Lost, 1000, null, Now).Value);
        Assert.True(payment.ApplyDispute("dp_a", DisputeStatus.Lost, 1000, null, Now).Value);
        Assert.False(payment.ApplyDispute("dp_a", DisputeStatus.Lost, 1000, null, Now).Value); // taken back once
        Assert.False(payment.ApplyDispute("dp_a", DisputeStatus.Won, 1000, null, Now).Value);

        Assert.Equal(DisputeStatus.Lost, payment.Dispute);
        Assert.False(Start().ApplyDispute("dp_x", DisputeStatus.Disputed, 10, null, Now).IsSuccess);
    }
}
