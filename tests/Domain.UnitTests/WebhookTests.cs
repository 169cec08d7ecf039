using CleanPrepay.Domain.Accesses;
using CleanPrepay.Domain.Accesses.Events;
using CleanPrepay.Domain.Catalog;
using CleanPrepay.Domain.Customers;
using CleanPrepay.Domain.Customers.Events;
using CleanPrepay.Domain.Monetary;
using CleanPrepay.Domain.Subscriptions;
using CleanPrepay.Domain.Subscriptions.Events;
using CleanPrepay.Domain.Webhooks;

namespace CleanPrepay.Domain.UnitTests;

/// <summary>Outgoing webhooks' rules (ADR 0045), and the events the aggregates raise for them.</summary>
public sealed class WebhookTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static WebhookEndpoint Endpoint(params string[] events) => WebhookEndpoint.Create("https://hooks.example/x", events, null, Now);

    [Fact]
    public void A_secret_is_whsec_and_32_random_bytes_in_base64()
    {
        var secret = WebhookEndpoint.NewSecret();

        Assert.StartsWith("whsec_", secret);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        Assert.NotEqual(secret, WebhookEndpoint.NewSecret());
    }

    [Fact]
    public void An_endpoint_wants_its_types_or_every_type_with_a_star_and_nothing_once_disabled()
    {
        var orders = Endpoint("order.paid", "order.paid", "order.refunded");
        Assert.Equal(["order.paid", "order.refunded"], orders.Events);
        Assert.True(orders.Wants("order.paid"));
        Assert.False(orders.Wants("customer.created"));
        Assert.True(Endpoint("*").Wants("customer.created"));

        orders.Update(null, null, null, enabled: false);
        Assert.False(orders.Wants("order.paid"));
    }

    [Fact]
    public void A_rotated_secret_signs_beside_the_new_one_for_24_hours()
    {
        var endpoint = Endpoint("*");
        var old = endpoint.Secret;

        var fresh = endpoint.RotateSecret(Now);

        Assert.Equal([fresh, old], endpoint.SigningSecrets(Now.AddHours(23)));
        Assert.Equal([fresh], endpoint.SigningSecrets(Now.AddHours(24)));
    }

    [Fact]
    public void Five_days_of_failures_disable_an_endpoint_and_one_success_starts_them_again()
    {
        var endpoint = Endpoint("*");

        Assert.False(endpoint.RecordFailure(Now));
        endpoint.RecordSuccess();
        Assert.Null(endpoint.FailingSince);
        Assert.False(endpoint.RecordFailure(Now.AddDays(1)));
        Assert.False(endpoint.RecordFailure(Now.AddDays(5)));
        Assert.True(endpoint.Enabled);
        Assert.True(endpoint.RecordFailure(Now.AddDays(6)));
        Assert.Equal((false, Now.AddDays(6)), (endpoint.Enabled, endpoint.DisabledAt));

        endpoint.Update(null, null, null, enabled: true);
        Assert.Equal((true, (DateTimeOffset?)null, (DateTimeOffset?)null), (endpoint.Enabled, endpoint.FailingSince, endpoint.DisabledAt));
    }

    [Fact]
    public void A_failing_delivery_waits_5_s_5_min_30_min_2_h_5_h_10_h_10_h_then_fails()
    {
        var delivery = WebhookDelivery.For("whe_1", "evt_1", "order.paid", "order:ord_1", "{}", 1, Now);
        var at = Now;
        TimeSpan[] waits = [TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10)];
        foreach (var wait in waits)
        {
            delivery.AttemptFailed(500, "HTTP 500", at);
            Assert.Equal((WebhookDeliveryStatus.Pending, at + wait), (delivery.Status, delivery.NextAttemptAt));
            at += wait;
        }

        delivery.AttemptFailed(null, "timeout", at);
        Assert.Equal((WebhookDeliveryStatus.Failed, 8), (delivery.Status, delivery.Attempts));

        delivery.RetryNow(at);
        Assert.Equal((WebhookDeliveryStatus.Pending, at), (delivery.Status, delivery.NextAttemptAt));
        delivery.Succeeded(204, at);
        Assert.Equal((WebhookDeliveryStatus.Succeeded, 9, 204), (delivery.Status, delivery.Attempts, delivery.ResponseStatus));
    }

    [Fact]
    public void A_manual_retry_of_an_ended_delivery_is_one_attempt_and_is_refused_while_one_is_in_flight()
    {
        var delivery = WebhookDelivery.For("whe_1", "evt_1", "order.paid", "order:ord_1", "{}", 1, Now);
        delivery.Succeeded(200, Now);

        Assert.True(delivery.RetryNow(Now.AddHours(1)).IsSuccess);
        delivery.AttemptFailed(503, "HTTP 503", Now.AddHours(1));
        Assert.Equal(WebhookDeliveryStatus.Failed, delivery.Status); // not back on the schedule

        Assert.True(delivery.RetryNow(Now.AddHours(2)).IsSuccess);
        delivery.ClaimedUntil = Now.AddHours(2).AddMinutes(2);
        Assert.Equal("delivery_in_flight", delivery.RetryNow(Now.AddHours(2).AddSeconds(1)).Error!.Code);
    }

    [Fact]
    public void A_customer_update_is_an_event_only_when_the_profile_changed()
    {
        var customer = Customer.Register("a@example.test", "Anna", "en", "SE", false, false, Now);
        Assert.IsType<CustomerCreated>(Assert.Single(customer.DomainEvents));
        customer.ClearDomainEvents();

        customer.UpdateProfile("a@example.test", "Anna", "en", null, false, null, null, Now);
        Assert.Empty(customer.DomainEvents);
        customer.UpdateProfile(null, null, null, null, true, null, null, Now);
        Assert.True(Assert.IsType<CustomerUpdated>(Assert.Single(customer.DomainEvents)).Newsletter);
    }

    [Fact]
    public void An_access_is_granted_once_and_revoked_once()
    {
        var access = Access.Grant("cus_1", AccessKind.Rental, "vid_1", null, "ord_1", Now, Now.AddHours(48));
        Assert.Equal(Now.AddHours(48), Assert.IsType<AccessGranted>(Assert.Single(access.DomainEvents)).ExpiresAt);

        access.Revoke(Now);
        access.Revoke(Now.AddMinutes(1));

        Assert.Equal(Now, Assert.Single(access.DomainEvents.OfType<AccessRevoked>()).OccurredAt);
    }

    [Fact]
    public void A_later_period_paid_is_a_renewal_and_a_failed_renewal_is_past_due()
    {
        var plan = Plan.Create("Monthly", new PriceList([Money.Of(1000, "EUR")]), BillingInterval.Month, 1, 7, false, BillingMode.Activation, 1, null, true, Now);
        var subscription = Subscription.Start("cus_1", plan, Money.Of(1000, "EUR"), new DateOnly(2026, 12, 7), 0, RenewalMethod.Wallet, null, null, null, Now);
        subscription.Paid(new DateOnly(2027, 1, 6), Now);
        Assert.Empty(subscription.DomainEvents.OfType<SubscriptionRenewed>()); // the first period is no renewal

        subscription.RenewalFailed([TimeSpan.FromDays(1)], Now.AddDays(31));
        Assert.Equal(1, Assert.Single(subscription.DomainEvents.OfType<SubscriptionPastDue>()).FailedAttempts);
        subscription.Paid(new DateOnly(2027, 2, 6), Now.AddDays(32));

        Assert.Equal(new DateOnly(2027, 2, 6), Assert.Single(subscription.DomainEvents.OfType<SubscriptionRenewed>()).PaidThrough);
    }

    [Fact]
    public void A_prepayment_is_pending_when_opened_and_expires_once()
    {
        var plan = Plan.Create("Monthly", new PriceList([Money.Of(1000, "EUR")]), BillingInterval.Month, 1, 7, false, BillingMode.Activation, 1, null, true, Now);
        var subscription = Subscription.Start("cus_1", plan, Money.Of(1000, "EUR"), new DateOnly(2026, 12, 7), 0, RenewalMethod.Wallet, null, null, null, Now);
        var prepayment = Prepayment.Open(subscription, PrepaymentKind.Initial, Money.Of(1000, "EUR"), new DateOnly(2026, 12, 7), new DateOnly(2027, 1, 6), Now.AddDays(3), Now);
        Assert.Equal(1000, Assert.IsType<PrepaymentPending>(Assert.Single(prepayment.DomainEvents)).Amount);

        Assert.True(prepayment.Expire(Now.AddDays(3)).IsSuccess);
        Assert.False(prepayment.Expire(Now.AddDays(4)).IsSuccess);

        Assert.Single(prepayment.DomainEvents.OfType<PrepaymentExpired>());
    }
}
