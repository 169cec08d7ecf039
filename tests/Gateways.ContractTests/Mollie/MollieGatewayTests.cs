using System.Text.Json.Nodes;
using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Gateways.ContractTests.Support;
using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Gateways.ContractTests.Mollie;

/// <summary>The Mollie adapter against a fake Mollie over real HTTP: requests as documented, answers mapped.</summary>
public sealed class MollieGatewayTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Create_sends_the_documented_request_and_sends_the_payer_to_the_checkout()
    {
        await using var f = await MollieFixture.StartAsync();

        var outcome = await f.Gateway.CreatePaymentAsync(MollieFixture.Request(), None);

        var sent = Assert.Single(f.Fake.Requests);
        Assert.Equal(("POST", "/v2/payments"), (sent.Method, sent.Path));
        Assert.Equal($"Bearer {FakeMollie.ApiKey}", sent.Header("Authorization"));
        Assert.Equal("idem-create-1", sent.Header("Idempotency-Key"));
        Assert.StartsWith("application/json", sent.Header("Content-Type"), StringComparison.Ordinal);
        var expected = JsonNode.Parse("""
            {"amount":{"currency":"EUR","value":"10.00"},"description":"Top-up 10.00",
             "redirectUrl":"https://shop.example/payments/pay_1/return","webhookUrl":"https://pay.example/v1/webhooks/mollie",
             "metadata":{"payment_id":"pay_1"}}
            """);
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(sent.Body)), sent.Body);

        Assert.Equal(PaymentStatus.RequiresAction, outcome.Status);
        Assert.Equal("tr_Fake0001", outcome.ProviderReference);
        Assert.Equal("redirect", outcome.NextActionType);
        Assert.Equal("https://www.mollie.com/checkout/select-method/tr_Fake0001", outcome.NextActionUrl);
    }

    [Theory]
    [InlineData(1000, "EUR", "10.00")]
    [InlineData(5, "EUR", "0.05")]
    [InlineData(123456, "SEK", "1234.56")]
    [InlineData(100000, "GBP", "1000.00")]
    [InlineData(1000, "JPY", "1000")]
    public async Task The_amount_value_is_a_string_with_exactly_the_currencys_decimals(long minorUnits, string currency, string value)
    {
        await using var f = await MollieFixture.StartAsync();

        var outcome = await f.Gateway.CreatePaymentAsync(MollieFixture.Request(minorUnits, currency), None);

        var amount = JsonNode.Parse(Assert.Single(f.Fake.Requests).Body)!["amount"]!;
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["currency"] = currency, ["value"] = value }, amount), amount.ToJsonString());
        Assert.Equal(PaymentStatus.RequiresAction, outcome.Status); // the fake validated the value against the currency
    }

    [Fact]
    public async Task Without_urls_in_the_request_the_configured_redirect_and_our_public_webhook_url_are_used()
    {
        await using var f = await MollieFixture.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Gateways:Mollie:RedirectUrl"] = "https://shop.example/return",
            ["Gateways:Mollie:PublicBaseUrl"] = "https://pay.example/",
        });

        await f.Gateway.CreatePaymentAsync(MollieFixture.Request() with { ReturnUrl = null, NotificationUrl = null }, None);

        var body = JsonNode.Parse(Assert.Single(f.Fake.Requests).Body)!;
        Assert.Equal("https://shop.example/return", body["redirectUrl"]!.GetValue<string>());
        Assert.Equal("https://pay.example/v1/webhooks/mollie", body["webhookUrl"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_any_redirect_url_nothing_is_sent_and_the_request_is_invalid()
    {
        await using var f = await MollieFixture.StartAsync();

        var ex = await Assert.ThrowsAsync<GatewayException>(() =>
            f.Gateway.CreatePaymentAsync(MollieFixture.Request() with { ReturnUrl = null, NotificationUrl = null }, None));

        Assert.Equal(GatewayErrorKind.InvalidRequest, ex.Kind);
        Assert.Empty(f.Fake.Requests);
    }

    [Fact]
    public async Task A_named_method_is_sent_and_only_configured_method_ids_are_accepted()
    {
        await using var f = await MollieFixture.StartAsync();

        await f.Gateway.CreatePaymentAsync(MollieFixture.Request(method: "ideal"), None);

        Assert.Equal("ideal", JsonNode.Parse(Assert.Single(f.Fake.Requests).Body)!["method"]!.GetValue<string>());
        Assert.True(f.Gateway.AcceptsPaymentMethod(null));
        Assert.True(f.Gateway.AcceptsPaymentMethod("creditcard"));
        Assert.False(f.Gateway.AcceptsPaymentMethod("pm_card_visa"));
        Assert.False(f.Gateway.AcceptsPaymentMethod("tok_abc"));
        Assert.False(f.Gateway.Capabilities.RequiresPaymentMethod);
    }

    [Fact]
    public async Task Authorise_only_then_capture_posts_the_amount_with_its_idempotency_key_and_answers_the_payments_status()
    {
        await using var f = await MollieFixture.StartAsync();
        var created = await f.Gateway.CreatePaymentAsync(MollieFixture.Request() with { Capture = false }, None);
        Assert.Equal("manual", JsonNode.Parse(f.Fake.Requests[0].Body)!["captureMode"]!.GetValue<string>());
        f.Fake.SetStatus(created.ProviderReference!, "authorized");
        var authorized = await f.Gateway.SyncAsync(new GatewayPaymentLookup("pay_1", created.ProviderReference, Money.Of(1000, "EUR")), None);
        Assert.Equal(PaymentStatus.Authorized, authorized.Status);

        var captured = await f.Gateway.CaptureAsync(new GatewayPaymentLookup("pay_1", created.ProviderReference, Money.Of(1000, "EUR")), "idem-capture-1", None);

        var capture = f.Fake.Requests[^2];
        Assert.Equal(("POST", "/v2/payments/tr_Fake0001/captures", "idem-capture-1"), (capture.Method, capture.Path, capture.Header("Idempotency-Key")));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"amount":{"currency":"EUR","value":"10.00"}}"""), JsonNode.Parse(capture.Body)), capture.Body);
        Assert.Equal(("GET", "/v2/payments/tr_Fake0001"), (f.Fake.Requests[^1].Method, f.Fake.Requests[^1].Path));
        Assert.Equal(PaymentStatus.Succeeded, captured.Status);
        Assert.Equal("tr_Fake0001", captured.ProviderReference);
    }

    [Fact]
    public async Task Cancel_deletes_the_payment_with_an_idempotency_key()
    {
        await using var f = await MollieFixture.StartAsync();
        var reference = (await f.Gateway.CreatePaymentAsync(MollieFixture.Request(), None)).ProviderReference;

        var canceled = await f.Gateway.CancelAsync(new GatewayPaymentLookup("pay_1", reference, Money.Of(1000, "EUR")), "idem-cancel-1", None);

        var sent = f.Fake.Requests[^1];
        Assert.Equal(("DELETE", "/v2/payments/tr_Fake0001", "idem-cancel-1"), (sent.Method, sent.Path, sent.Header("Idempotency-Key")));
        Assert.Equal((PaymentStatus.Canceled, GatewayFailureCodes.PayerCanceled), (canceled.Status, canceled.FailureCode));
    }

    [Fact]
    public async Task Sync_reads_the_payment_and_without_a_reference_answers_nothing_known()
    {
        await using var f = await MollieFixture.StartAsync();
        var reference = await f.PaymentInAsync("paid");

        var synced = await f.Gateway.SyncAsync(new GatewayPaymentLookup("pay_1", reference, Money.Of(1000, "EUR")), None);
        var unknown = await f.Gateway.SyncAsync(new GatewayPaymentLookup("pay_2", null, Money.Of(1000, "EUR")), None);

        Assert.Equal((PaymentStatus.Succeeded, "tr_Fake0001"), (synced.Status, synced.ProviderReference));
        Assert.Same(GatewayOutcome.NoAnswer, unknown);
        Assert.Equal(2, f.Fake.Requests.Count); // the create and one GET: no call without a reference
    }

    [Fact]
    public async Task Refund_posts_the_amount_and_our_refund_id_with_its_idempotency_key()
    {
        await using var f = await MollieFixture.StartAsync();
        var reference = await f.PaymentInAsync("paid");

        var refund = await f.Gateway.RefundAsync(new GatewayRefundRequest("ref_1", reference, Money.Of(400, "EUR"), "idem-refund-1"), None);

        var sent = f.Fake.Requests[^1];
        Assert.Equal(("POST", "/v2/payments/tr_Fake0001/refunds", "idem-refund-1"), (sent.Method, sent.Path, sent.Header("Idempotency-Key")));
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"amount":{"currency":"EUR","value":"4.00"},"metadata":{"refund_id":"ref_1"}}"""), JsonNode.Parse(sent.Body)), sent.Body);
        Assert.Equal((PaymentStatus.Pending, "re_Fake0002"), (refund.Status, refund.ProviderReference));
    }

    [Fact]
    public async Task Mollie_refusing_a_refund_is_an_invalid_request_with_its_title()
    {
        await using var f = await MollieFixture.StartAsync();
        var reference = await f.PaymentInAsync("paid");

        var ex = await Assert.ThrowsAsync<GatewayException>(() =>
            f.Gateway.RefundAsync(new GatewayRefundRequest("ref_1", reference, Money.Of(5000, "EUR"), "idem-refund-1"), None));

        Assert.Equal((GatewayErrorKind.InvalidRequest, "Unprocessable Entity"), (ex.Kind, ex.ProviderCode));
    }

    [Fact]
    public async Task An_idempotent_repeat_gets_the_first_answer_and_creates_nothing_twice()
    {
        await using var f = await MollieFixture.StartAsync();

        var first = await f.Gateway.CreatePaymentAsync(MollieFixture.Request(), None);
        var again = await f.Gateway.CreatePaymentAsync(MollieFixture.Request(), None);

        Assert.Equal(first.ProviderReference, again.ProviderReference);
        Assert.Equal(2, f.Fake.Requests.Count(r => r.Header("Idempotency-Key") == "idem-create-1"));
    }
}
