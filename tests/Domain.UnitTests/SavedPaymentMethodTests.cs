using CleanPrepay.Domain.PaymentMethods;
using CleanPrepay.Domain.PaymentMethods.Events;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Domain.Monetary;
using CleanPrepay.Domain.Subscriptions.Events;

namespace CleanPrepay.Domain.UnitTests;

/// <summary>A saved method's states and its default rule (ADR 0038).</summary>
public sealed class SavedPaymentMethodTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static SavedPaymentMethod Begin(SavedMethodKind kind = SavedMethodKind.Card) => SavedPaymentMethod.Begin("cus_1", "stripe", kind, "cus_stripe_1", Now);

    private static void Apply(SavedPaymentMethod m, SavedMethodStatus status, string? providerMethod = "pm_1", string? reason = null) =>
        m.ApplySetup(status, providerMethod, "seti_1", new MethodDisplay("visa", "4242", 12, 2034), null, null, reason is null ? null : "mandate_invalid", reason, Now);

    [Fact]
    public void A_method_is_usable_only_once_active_with_a_provider_reference()
    {
        var method = Begin();
        Assert.False(method.IsUsable);
        Assert.False(method.MakeDefault(Now).IsSuccess);

        Apply(method, SavedMethodStatus.Active);

        Assert.True(method.IsUsable);
        Assert.True(method.MakeDefault(Now).IsSuccess);
        Assert.Equal(("4242", "pm_1"), (method.Display.Last4, method.ProviderMethodId));
    }

    [Fact]
    public void A_late_answer_never_reopens_an_active_failed_or_revoked_method()
    {
        var active = Begin();
        Apply(active, SavedMethodStatus.Active);
        Apply(active, SavedMethodStatus.Failed, reason: "late");
        Assert.Equal(SavedMethodStatus.Active, active.Status);

        var failed = Begin();
        Apply(failed, SavedMethodStatus.Failed, providerMethod: null, reason: "refused");
        Apply(failed, SavedMethodStatus.Active);
        Assert.Equal((SavedMethodStatus.Failed, false), (failed.Status, failed.IsUsable));

        var revoked = Begin();
        Apply(revoked, SavedMethodStatus.Active);
        Assert.True(revoked.MakeDefault(Now).IsSuccess);
        Assert.True(revoked.Revoke(Now));
        Assert.False(revoked.Revoke(Now));
        Apply(revoked, SavedMethodStatus.Active);
        Assert.Equal((SavedMethodStatus.Revoked, false, false), (revoked.Status, revoked.IsDefault, revoked.IsUsable));
    }

    [Fact]
    public void A_sepa_mandate_announces_its_outcome_once_and_a_card_announces_nothing()
    {
        var sepa = Begin(SavedMethodKind.SepaDebit);
        Apply(sepa, SavedMethodStatus.Pending, providerMethod: null);
        Apply(sepa, SavedMethodStatus.Failed, providerMethod: null, reason: "The IBAN is not valid.");
        Apply(sepa, SavedMethodStatus.Failed, providerMethod: null, reason: "again");

        var settled = Assert.Single(sepa.DomainEvents.OfType<DirectDebitMandateSettled>());
        Assert.Equal((false, "The IBAN is not valid."), (settled.Confirmed, settled.Reason));

        var card = Begin();
        Apply(card, SavedMethodStatus.Active);
        Assert.Empty(card.DomainEvents);
    }

    [Fact]
    public void A_payment_records_its_saved_method_only_before_it_is_sent_and_never_with_save()
    {
        var payment = Payment.Start("cus_1", "stripe", Money.Of(500, "EUR"), PaymentPurpose.Order, "ord_1", Now);
        Assert.Throws<InvalidOperationException>(() => payment.ChargeWith("spm_1", offSession: true, saveMethod: true));

        payment.ChargeWith("spm_1", offSession: true, saveMethod: false);
        Assert.Equal(("spm_1", true), (payment.SavedMethodId, payment.OffSession));

        payment.Apply(new GatewayOutcome(PaymentStatus.Pending, "pi_1"), Now);
        Assert.Throws<InvalidOperationException>(() => payment.ChargeWith(null, offSession: false, saveMethod: true));
    }

    [Fact]
    public void A_renewal_waiting_on_the_payer_is_past_due_and_raises_the_link_once_per_call()
    {
        var plan = Catalog.Plan.Create(
            "Weekly", new Catalog.PriceList([Money.Of(700, "EUR")]), Catalog.BillingInterval.Week, 1, 0, false, Catalog.BillingMode.Activation, 1, null, true, Now);
        var subscription = Subscriptions.Subscription.Start(
            "cus_1", plan, Money.Of(700, "EUR"), new DateOnly(2026, 12, 7), 0, Subscriptions.RenewalMethod.Gateway, "stripe", null, null, Now, "spm_1");
        subscription.Paid(new DateOnly(2026, 12, 13), Now);

        Assert.True(subscription.AwaitPayer("pay_1", "https://bank.test/3ds", Now).IsSuccess);

        Assert.Equal(Subscriptions.SubscriptionStatus.PastDue, subscription.Status);
        var raised = Assert.Single(subscription.DomainEvents.OfType<RenewalActionRequired>());
        Assert.Equal(("pay_1", "https://bank.test/3ds"), (raised.PaymentId, raised.ActionUrl));
    }
}
