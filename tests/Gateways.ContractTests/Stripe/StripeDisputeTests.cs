using System.Text;
using System.Text.Json.Nodes;
using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Domain.PaymentMethods;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Infrastructure.Gateways.Stripe;

namespace CleanPrepay.Gateways.ContractTests.Stripe;

/// <summary>Stripe's disputes and SetupIntents in the neutral vocabulary, checked against the statuses the spec publishes (ADR 0038, 0040).</summary>
public sealed class StripeDisputeTests
{
    [Fact]
    public void Every_published_dispute_status_maps_and_closed_ones_are_won_or_lost()
    {
        var published = StripeGatewayTests.SpecEnum("dispute", "status").Order().ToList();

        Assert.Equal(StripeStatuses.DisputeStatuses.Order(), published);
        Assert.Equal(DisputeStatus.Lost, StripeStatuses.Dispute("lost"));
        Assert.Equal(DisputeStatus.Won, StripeStatuses.Dispute("warning_closed"));
        Assert.All(published.Where(s => s is not ("won" or "lost" or "warning_closed")), s => Assert.Equal(DisputeStatus.Disputed, StripeStatuses.Dispute(s)));
    }

    [Fact]
    public void Every_published_setup_intent_status_maps()
    {
        Assert.Equal(StripeStatuses.SetupIntentStatuses.Order(), StripeGatewayTests.SpecEnum("setup_intent", "status").Order());
        foreach (var status in StripeStatuses.SetupIntentStatuses)
        {
            var setup = FakeStripe.Fixture("setup_intent");
            setup["status"] = status;
            Assert.IsType<SavedMethodStatus>(StripeStatuses.Setup(setup).Status);
        }
    }

    [Fact]
    public void A_dispute_event_names_the_intent_the_dispute_and_its_amount()
    {
        var dispute = FakeStripe.Fixture("dispute");
        dispute["payment_intent"] = "pi_disputed";
        dispute["status"] = "lost";
        var body = new JsonObject { ["id"] = "evt_1", ["object"] = "event", ["type"] = "charge.dispute.closed", ["data"] = new JsonObject { ["object"] = dispute } };

        var verified = StripeWebhooks.Parse(Encoding.UTF8.GetBytes(body.ToJsonString()));

        var @event = Assert.Single(verified.Events);
        Assert.Equal((GatewayEventSubject.Dispute, "pi_disputed"), (@event.Subject, @event.ProviderReference));
        Assert.Equal(new GatewayDispute((string)dispute["id"]!, DisputeStatus.Lost, 1000, "general"), @event.Dispute);
    }

    [Fact]
    public void A_setup_intent_webhook_names_its_payment_method_by_id_and_maps_without_a_card()
    {
        var setup = FakeStripe.Fixture("setup_intent");
        setup["status"] = "succeeded";
        setup["payment_method"] = "pm_1NnlpjGPxmnHQRkJ"; // events never expand it
        var body = new JsonObject { ["id"] = "evt_3", ["object"] = "event", ["type"] = "setup_intent.succeeded", ["data"] = new JsonObject { ["object"] = setup } };

        var @event = Assert.Single(StripeWebhooks.Parse(Encoding.UTF8.GetBytes(body.ToJsonString())).Events);

        Assert.Equal((GatewayEventSubject.Setup, SavedMethodStatus.Active, "pm_1NnlpjGPxmnHQRkJ"), (@event.Subject, @event.Setup!.Status, @event.Setup.ProviderMethodId));
        Assert.Null(@event.Setup.Display);
    }

    [Fact]
    public void A_dispute_of_a_bare_charge_with_no_intent_is_acknowledged_and_applies_nothing()
    {
        var body = new JsonObject { ["id"] = "evt_2", ["object"] = "event", ["type"] = "charge.dispute.created", ["data"] = new JsonObject { ["object"] = FakeStripe.Fixture("dispute") } };

        var verified = StripeWebhooks.Parse(Encoding.UTF8.GetBytes(body.ToJsonString()));

        Assert.True(verified.Verified);
        Assert.Empty(verified.Events);
    }
}
