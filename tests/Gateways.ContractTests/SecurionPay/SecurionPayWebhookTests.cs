using System.Text;
using System.Text.Json.Nodes;
using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Domain.Payments;
using static CleanPrepay.Gateways.ContractTests.SecurionPay.SecurionPayFixture;

namespace CleanPrepay.Gateways.ContractTests.SecurionPay;

/// <summary>SecurionPay webhooks are unsigned: only the event id is read, and the event fetched with our key is the only truth.</summary>
public sealed class SecurionPayWebhookTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    public static WebhookRequest Json(string body) =>
        new(new Dictionary<string, string> { ["Content-Type"] = "application/json" }, Encoding.UTF8.GetBytes(body), Now);

    [Fact]
    public async Task A_delivery_yields_the_fetched_events_charge_status()
    {
        await using var f = await StartAsync();
        var reference = await f.ChargeAsync(capture: false);
        await f.Gateway.CaptureAsync(Lookup(reference), "idem-capture-1", CancellationToken.None);
        var eventId = f.Fake.LatestEvent(reference);

        var verified = await f.Gateway.VerifyWebhookAsync(Json(f.Fake.EventJson(eventId).ToJsonString()), CancellationToken.None);

        Assert.True(verified.Verified, verified.Reason);
        var e = Assert.Single(verified.Events);
        Assert.Equal(
            (eventId, "CHARGE_CAPTURED", GatewayEventSubject.Payment, reference, PaymentStatus.Succeeded, "pay_1"),
            (e.EventId, e.Type, e.Subject, e.ProviderReference, e.Status, e.PaymentReference));
        var fetch = f.Fake.Requests[^1];
        Assert.Equal(("GET", $"/events/{eventId}", FakeSecurionPay.Authorization(FakeSecurionPay.SecretKey)), (fetch.Method, fetch.Path, fetch.Header("Authorization")));
    }

    [Fact]
    public async Task Only_the_event_id_of_a_delivery_is_read_the_rest_is_never_trusted()
    {
        await using var f = await StartAsync();
        f.Fake.Declines["tok_declined"] = "insufficient_funds";
        var failed = await f.Gateway.CreatePaymentAsync(Request(token: "tok_declined"), CancellationToken.None);
        var eventId = f.Fake.LatestEvent(failed.ProviderReference!);
        var forged = f.Fake.EventJson(eventId);
        forged["type"] = "CHARGE_SUCCEEDED";
        forged["data"]!["status"] = "successful";
        forged["data"]!["captured"] = true;

        var verified = await f.Gateway.VerifyWebhookAsync(Json(forged.ToJsonString()), CancellationToken.None);

        var e = Assert.Single(verified.Events);
        Assert.Equal(("CHARGE_FAILED", PaymentStatus.Failed, GatewayFailureCodes.InsufficientFunds), (e.Type, e.Status, e.FailureCode));
    }

    [Fact]
    public async Task An_event_securionpay_does_not_know_is_rejected()
    {
        await using var f = await StartAsync();

        var verified = await f.Gateway.VerifyWebhookAsync(
            Json("""{"id":"evt_Forged123","type":"CHARGE_SUCCEEDED","data":{"id":"char_x","status":"successful","captured":true}}"""),
            CancellationToken.None);

        Assert.False(verified.Verified);
        Assert.Empty(verified.Events);
        Assert.Equal("/events/evt_Forged123", Assert.Single(f.Fake.Requests).Path);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("""{"id":42}""")]
    [InlineData("""{"id":""}""")]
    [InlineData("""{"id":"evt_1/../charges"}""")]
    [InlineData("id=evt_1")]
    public async Task A_body_without_an_event_id_is_rejected_without_calling_securionpay(string body)
    {
        await using var f = await StartAsync();

        var verified = await f.Gateway.VerifyWebhookAsync(Json(body), CancellationToken.None);

        Assert.False(verified.Verified);
        Assert.Empty(f.Fake.Requests);
    }

    [Fact]
    public async Task Events_about_other_objects_are_acknowledged_with_no_events()
    {
        await using var f = await StartAsync();
        var eventId = f.Fake.AddEvent("CUSTOMER_CREATED", new JsonObject { ["id"] = "cust_1", ["objectType"] = "customer" });

        var verified = await f.Gateway.VerifyWebhookAsync(Json($$"""{"id":"{{eventId}}"}"""), CancellationToken.None);

        Assert.True(verified.Verified);
        Assert.Empty(verified.Events);
    }
}
