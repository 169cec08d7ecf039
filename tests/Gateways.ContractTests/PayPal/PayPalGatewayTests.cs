using System.Text;
using System.Text.Json.Nodes;
using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Domain.Monetary;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Gateways.ContractTests.Support;
using CleanPrepay.Infrastructure.Gateways.PayPal;

namespace CleanPrepay.Gateways.ContractTests.PayPal;

/// <summary>The PayPal adapter over real HTTP against a local PayPal built from PayPal's published specs.</summary>
public sealed class PayPalGatewayTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
    private FakePayPal _paypal = null!;
    private GatewayHost _host = null!;

    private IPaymentGateway PayPal => _host.Gateway("paypal");

    public async Task InitializeAsync()
    {
        _paypal = await FakePayPal.StartAsync();
        _host = new GatewayHost(_paypal.Settings(), _clock);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _paypal.DisposeAsync();
    }

    private static Money Eur(long minor) => new(minor, Currency.From("EUR"));

    private static GatewayPaymentRequest Request(string id = "pay_1", long amount = 1999, string currency = "EUR", string description = "Order ord_1") =>
        new(id, new Money(amount, Currency.From(currency)), null, id, "cus_1", description);

    private async Task<(string OrderId, GatewayOutcome Outcome)> ApprovedAndCapturedAsync(string id, string description = "Order")
    {
        var created = await PayPal.CreatePaymentAsync(Request(id, description: description), default);
        _paypal.Approve(created.ProviderReference!);
        var lookup = new GatewayPaymentLookup(id, created.ProviderReference, Eur(1999));
        var approved = await PayPal.ConfirmPaymentAsync(lookup, default);
        Assert.Equal(PaymentStatus.Authorized, approved.Status);
        return (created.ProviderReference!, await PayPal.CaptureAsync(lookup, $"{id}_capture", default));
    }

    [Fact]
    public async Task An_order_is_created_with_a_cached_token_the_request_id_and_exact_amounts_and_sends_the_payer_to_approve()
    {
        var outcome = await PayPal.CreatePaymentAsync(Request("pay_abc"), default);

        Assert.Equal((PaymentStatus.RequiresAction, "redirect"), (outcome.Status, outcome.NextActionType));
        Assert.Equal($"https://www.sandbox.paypal.com/checkoutnow?token={outcome.ProviderReference}", outcome.NextActionUrl);
        var sent = _paypal.Server.Requests.ToList();
        Assert.Equal(["/v1/oauth2/token", "/v2/checkout/orders"], sent.Select(r => r.Path));
        var create = sent[1];
        Assert.Equal(("pay_abc", $"Bearer {FakePayPal.AccessToken}", "return=representation"), (create.Header("PayPal-Request-Id"), create.Header("Authorization"), create.Header("Prefer")));
        Assert.Equal(
            """{"intent":"CAPTURE","purchase_units":[{"reference_id":"pay_abc","custom_id":"pay_abc","description":"Order ord_1","amount":{"currency_code":"EUR","value":"19.99"}}],"payment_source":{"paypal":{"experience_context":{"user_action":"PAY_NOW","shipping_preference":"NO_SHIPPING","return_url":"https://shop.test/paypal/return","cancel_url":"https://shop.test/paypal/return"}}}}""",
            create.Body);
    }

    [Theory]
    [InlineData(1999, "EUR", "19.99")]
    [InlineData(5, "EUR", "0.05")]
    [InlineData(1306, "JPY", "1306")]
    [InlineData(100000000000, "USD", "1000000000.00")]
    public void Amounts_are_strings_with_the_currencys_decimals(long minor, string currency, string value) =>
        Assert.Equal(value, PayPalGateway.Amount(new Money(minor, Currency.From(currency)))["value"]!.GetValue<string>());

    [Fact]
    public async Task The_token_is_fetched_once_and_again_only_after_it_expires()
    {
        await PayPal.CreatePaymentAsync(Request("pay_1"), default);
        await PayPal.CreatePaymentAsync(Request("pay_2"), default);
        await Task.WhenAll(Enumerable.Range(3, 5).Select(i => PayPal.CreatePaymentAsync(Request($"pay_{i}"), default)));
        Assert.Equal(1, _paypal.TokenRequests);

        _clock.Advance(TimeSpan.FromSeconds(32400) - TimeSpan.FromMinutes(5)); // PayPal's expires_in, less the renewal margin
        await PayPal.CreatePaymentAsync(Request("pay_9"), default);
        Assert.Equal(2, _paypal.TokenRequests);
    }

    [Fact]
    public async Task Approved_then_captured_succeeds_and_refunds_through_the_capture()
    {
        var (orderId, captured) = await ApprovedAndCapturedAsync("pay_cap");
        Assert.Equal((PaymentStatus.Succeeded, orderId), (captured.Status, captured.ProviderReference));
        var capture = _paypal.Server.Requests.Last();
        Assert.Equal(($"/v2/checkout/orders/{orderId}/capture", "pay_cap_capture"), (capture.Path, capture.Header("PayPal-Request-Id")));

        var refund = await PayPal.RefundAsync(new GatewayRefundRequest("ref_1", orderId, Eur(500), "ref_1"), default);
        Assert.Equal(PaymentStatus.Succeeded, refund.Status);
        var sent = _paypal.Server.Requests.Last();
        Assert.Matches("^/v2/payments/captures/3C67[0-9]{4}XH9212349/refund$", sent.Path);
        Assert.Equal("""{"amount":{"currency_code":"EUR","value":"5.00"},"custom_id":"ref_1"}""", sent.Body);
    }

    [Fact]
    public async Task A_pending_capture_is_pending_and_a_declined_instrument_fails()
    {
        Assert.Equal(PaymentStatus.Pending, (await ApprovedAndCapturedAsync("pay_p", "pending")).Outcome.Status);
        var declined = (await ApprovedAndCapturedAsync("pay_d", "decline")).Outcome;
        Assert.Equal((PaymentStatus.Failed, GatewayFailureCodes.Declined), (declined.Status, declined.FailureCode));
    }

    [Fact]
    public async Task Capturing_before_approval_takes_nothing_and_says_the_payer_must_act()
    {
        var created = await PayPal.CreatePaymentAsync(Request("pay_early"), default);

        var outcome = await PayPal.CaptureAsync(new GatewayPaymentLookup("pay_early", created.ProviderReference, Eur(1999)), "pay_early_capture", default);

        Assert.Equal(PaymentStatus.RequiresAction, outcome.Status);
        Assert.DoesNotContain(_paypal.Server.Requests, r => r.Path.EndsWith("/capture", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Authorise_only_orders_are_authorised_then_captured_for_the_amount()
    {
        var created = await PayPal.CreatePaymentAsync(Request("pay_auth") with { Capture = false }, default);
        _paypal.Approve(created.ProviderReference!);

        var captured = await PayPal.CaptureAsync(new GatewayPaymentLookup("pay_auth", created.ProviderReference, Eur(1999)), "pay_auth_capture", default);

        Assert.Equal(PaymentStatus.Succeeded, captured.Status);
        var paths = _paypal.Server.Requests.Select(r => r.Path).ToList();
        Assert.Contains($"/v2/checkout/orders/{created.ProviderReference}/authorize", paths);
        Assert.Matches("^/v2/payments/authorizations/0AW[0-9]{4}KX4481210/capture$", paths.Last());
    }

    [Fact]
    public async Task An_unapproved_order_is_canceled_and_never_captured()
    {
        var created = await PayPal.CreatePaymentAsync(Request("pay_x"), default);

        var canceled = await PayPal.CancelAsync(new GatewayPaymentLookup("pay_x", created.ProviderReference, Eur(1999)), "pay_x_cancel", default);

        Assert.Equal((PaymentStatus.Canceled, GatewayFailureCodes.Expired), (canceled.Status, canceled.FailureCode));
        Assert.True((await PayPal.SyncAsync(new GatewayPaymentLookup("pay_none", null, Eur(1)), default)).Unanswered);
    }

    [Theory]
    [InlineData("CREATED", PaymentStatus.RequiresAction)]
    [InlineData("SAVED", PaymentStatus.RequiresAction)]
    [InlineData("PAYER_ACTION_REQUIRED", PaymentStatus.RequiresAction)]
    [InlineData("APPROVED", PaymentStatus.Authorized)]
    [InlineData("VOIDED", PaymentStatus.Canceled)]
    public void Every_order_status_maps_to_the_neutral_set(string status, PaymentStatus expected) =>
        Assert.Equal(expected, PayPalStatuses.Order(new JsonObject { ["id"] = "O1", ["status"] = status }).Status);

    [Theory]
    [InlineData("COMPLETED", PaymentStatus.Succeeded)]
    [InlineData("PARTIALLY_REFUNDED", PaymentStatus.Succeeded)]
    [InlineData("REFUNDED", PaymentStatus.Succeeded)]
    [InlineData("PENDING", PaymentStatus.Pending)]
    [InlineData("DECLINED", PaymentStatus.Failed)]
    [InlineData("FAILED", PaymentStatus.Failed)]
    public void A_completed_orders_capture_status_decides_the_outcome(string status, PaymentStatus expected)
    {
        var order = new JsonObject
        {
            ["id"] = "O1",
            ["status"] = "COMPLETED",
            ["purchase_units"] = new JsonArray(new JsonObject { ["payments"] = new JsonObject { ["captures"] = new JsonArray(new JsonObject { ["id"] = "C1", ["status"] = status }) } }),
        };

        Assert.Equal(expected, PayPalStatuses.Order(order).Status);
    }

    [Theory]
    [InlineData("COMPLETED", PaymentStatus.Succeeded)]
    [InlineData("PENDING", PaymentStatus.Pending)]
    [InlineData("FAILED", PaymentStatus.Failed)]
    [InlineData("CANCELLED", PaymentStatus.Canceled)]
    public void Every_refund_status_maps_to_the_neutral_set(string status, PaymentStatus expected) =>
        Assert.Equal(expected, PayPalStatuses.Refund(status));

    [Fact]
    public void The_status_lists_are_the_specs_own_enums()
    {
        var orders = Spec("checkout_orders_v2.json")["components"]!["schemas"]!;
        var payments = Spec("payments_payment_v2.json")["components"]!["schemas"]!;
        Assert.Equal(Enum(orders["order_status"]!["enum"]), PayPalStatuses.OrderStatuses.Order());
        Assert.Equal(Enum(payments["capture_status"]!["properties"]!["status"]!["enum"]), PayPalStatuses.CaptureStatuses.Order());
        Assert.Equal(Enum(payments["refund_status"]!["properties"]!["status"]!["enum"]), PayPalStatuses.RefundStatuses.Order());
        Assert.All(PayPalStatuses.CaptureStatuses, s => PayPalStatuses.Capture("O1", s));
    }

    [Fact]
    public void The_specs_error_examples_give_their_code()
    {
        var schemas = Spec("checkout_orders_v2.json")["components"]!["schemas"]!;
        Assert.Equal("INTERNAL_SERVER_ERROR", PayPalGateway.ErrorCode(schemas["error_500"]!["example"]));
        Assert.Equal("SERVICE_UNAVAILABLE", PayPalGateway.ErrorCode(schemas["error_503"]!["example"]));
    }

    [Fact]
    public async Task The_specs_webhook_example_is_verified_by_paypal_and_acknowledged()
    {
        var example = Spec("notifications_webhooks_v1.json")["paths"]!["/v1/notifications/verify-webhook-signature"]!["post"]!["requestBody"]!["content"]!["application/json"]!["examples"]!["verify_webhook_signature"]!["value"]!;
        _paypal.GenuineSignatures.Add((string)example["transmission_sig"]!);

        var verification = await PayPal.VerifyWebhookAsync(Webhook(example, example["webhook_event"]!.ToJsonString()), default);

        Assert.True(verification.Verified, verification.Reason);
        Assert.Empty(verification.Events); // a v1 authorisation event: nothing of ours to apply
        var sent = _paypal.Server.Requests.Last();
        var body = JsonNode.Parse(sent.Body)!;
        Assert.Equal(FakePayPal.WebhookId, (string?)body["webhook_id"]);
        Assert.True(JsonNode.DeepEquals(example["webhook_event"], body["webhook_event"]));
    }

    [Fact]
    public async Task A_signature_paypal_does_not_confirm_and_missing_headers_are_rejected()
    {
        var example = Spec("notifications_webhooks_v1.json")["paths"]!["/v1/notifications/verify-webhook-signature"]!["post"]!["requestBody"]!["content"]!["application/json"]!["examples"]!["verify_webhook_signature"]!["value"]!;

        Assert.False((await PayPal.VerifyWebhookAsync(Webhook(example, example["webhook_event"]!.ToJsonString()), default)).Verified);

        var calls = _paypal.Server.Requests.Count;
        var headers = new Dictionary<string, string> { ["PAYPAL-TRANSMISSION-ID"] = "x" };
        Assert.False((await PayPal.VerifyWebhookAsync(new WebhookRequest(headers, "{}"u8.ToArray(), DateTimeOffset.UtcNow), default)).Verified);
        Assert.Equal(calls, _paypal.Server.Requests.Count); // nothing asked, nothing read
    }

    [Fact]
    public async Task An_approval_event_is_an_authorised_payment_and_a_capture_event_speaks_of_its_order()
    {
        var order = new JsonObject
        {
            ["id"] = "5O190127TN364715T", ["status"] = "APPROVED", ["intent"] = "CAPTURE",
            ["purchase_units"] = new JsonArray(new JsonObject { ["custom_id"] = "pay_1", ["amount"] = new JsonObject { ["currency_code"] = "EUR", ["value"] = "19.99" } }),
        };
        var approved = PayPalWebhooks.Parse(new JsonObject { ["id"] = "WH-1", ["event_type"] = "CHECKOUT.ORDER.APPROVED", ["resource"] = order });
        var e = Assert.Single(approved.Events);
        Assert.Equal(("WH-1", "5O190127TN364715T", PaymentStatus.Authorized, "pay_1"), (e.EventId, e.ProviderReference, e.Status, e.PaymentReference));

        var capture = new JsonObject
        {
            ["id"] = "3C679366HH908993F", ["status"] = "COMPLETED", ["custom_id"] = "pay_1",
            ["supplementary_data"] = new JsonObject { ["related_ids"] = new JsonObject { ["order_id"] = "5O190127TN364715T" } },
        };
        var completed = Assert.Single(PayPalWebhooks.Parse(new JsonObject { ["id"] = "WH-2", ["event_type"] = "PAYMENT.CAPTURE.COMPLETED", ["resource"] = capture }).Events);
        Assert.Equal(("5O190127TN364715T", PaymentStatus.Succeeded), (completed.ProviderReference, completed.Status));
    }

    [Fact]
    public async Task Every_request_the_adapter_sends_is_valid_against_paypals_published_specs()
    {
        await ApprovedAndCapturedAsync("pay_s1");
        var (orderId, _) = await ApprovedAndCapturedAsync("pay_s2");
        await PayPal.RefundAsync(new GatewayRefundRequest("ref_s", orderId, Eur(100), "ref_s"), default);
        var held = await PayPal.CreatePaymentAsync(Request("pay_s3") with { Capture = false }, default);
        _paypal.Approve(held.ProviderReference!);
        await PayPal.CaptureAsync(new GatewayPaymentLookup("pay_s3", held.ProviderReference, Eur(1999)), "pay_s3_capture", default);
        var example = Spec("notifications_webhooks_v1.json")["paths"]!["/v1/notifications/verify-webhook-signature"]!["post"]!["requestBody"]!["content"]!["application/json"]!["examples"]!["verify_webhook_signature"]!["value"]!;
        await PayPal.VerifyWebhookAsync(Webhook(example, example["webhook_event"]!.ToJsonString()), default);

        // The token call is PayPal's OAuth2 tokenUrl, which the specs name but do not describe as a path.
        var sent = _paypal.Server.Requests.Where(r => r.Path != "/v1/oauth2/token").ToList();
        var verdicts = await SpecValidator.ValidateAsync("paypal", sent);

        Assert.Equal(
            ["orders.create", "orders.get", "orders.get", "orders.capture", "orders.create", "orders.get", "orders.get", "orders.capture", "orders.get",
             "captures.refund", "orders.create", "orders.get", "orders.authorize", "authorizations.capture", "verify-webhook-signature.post"],
            verdicts.Select(v => v.Operation));
        Assert.All(verdicts, v => Assert.True(v.Errors.Count == 0, v.ToString()));
    }

    [Fact]
    public async Task Canary_the_spec_check_catches_a_malformed_paypal_request()
    {
        var good = new RecordedRequest("POST", "/v2/checkout/orders", "", new Dictionary<string, string> { ["Content-Type"] = "application/json" },
            """{"intent":"CAPTURE","purchase_units":[{"amount":{"currency_code":"EUR","value":"19.99"}}]}""", null);
        RecordedRequest[] requests =
        [
            good,
            good with { Body = """{"intent":"CAPTURE","purchase_units":[{"amount":{"currency_code":"EUR","value":19.99}}]}""" }, // a number, not a string
            good with { Body = """{"intent":"SALE","purchase_units":[{"amount":{"currency_code":"EUR","value":"19.99"}}]}""" }, // not in the enum
            good with { Body = """{"intent":"CAPTURE","purchase_units":[{"amount":{"currency_code":"EURO","value":"19.99"}}]}""" }, // four letters
            good with { Body = """{"intent":"CAPTURE"}""" }, // purchase units missing
            good with { Body = """{"intent":"CAPTURE","purchase_units":[{"amount":{"currency_code":"EUR","value":"19,99"}}]}""" }, // a decimal comma
        ];

        var verdicts = await SpecValidator.ValidateAsync("paypal", requests);

        Assert.Empty(verdicts[0].Errors);
        Assert.All(verdicts.Skip(1), v => Assert.NotEmpty(v.Errors));
    }

    [Fact]
    public async Task No_log_line_carries_the_client_secret_or_a_token()
    {
        await ApprovedAndCapturedAsync("pay_log");
        var example = Spec("notifications_webhooks_v1.json")["paths"]!["/v1/notifications/verify-webhook-signature"]!["post"]!["requestBody"]!["content"]!["application/json"]!["examples"]!["verify_webhook_signature"]!["value"]!;
        await PayPal.VerifyWebhookAsync(Webhook(example, example["webhook_event"]!.ToJsonString()), default);

        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{FakePayPal.ClientId}:{FakePayPal.ClientSecret}"));
        Assert.NotEmpty(_host.LogLines);
        Assert.DoesNotContain(_host.LogLines, l => l.Contains(FakePayPal.ClientSecret) || l.Contains(FakePayPal.AccessToken) || l.Contains(basic)
            || l.Contains((string)example["transmission_sig"]!));
    }

    private static WebhookRequest Webhook(JsonNode example, string body) => new(
        new Dictionary<string, string>
        {
            ["PAYPAL-AUTH-ALGO"] = (string)example["auth_algo"]!,
            // The spec's example says "cert_url", which its own schema (format: uri) refuses: a real one instead.
            ["PAYPAL-CERT-URL"] = "https://api-m.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-1d93a270",
            ["PAYPAL-TRANSMISSION-ID"] = (string)example["transmission_id"]!,
            ["PAYPAL-TRANSMISSION-SIG"] = (string)example["transmission_sig"]!,
            ["PAYPAL-TRANSMISSION-TIME"] = (string)example["transmission_time"]!,
        },
        Encoding.UTF8.GetBytes(body),
        DateTimeOffset.UtcNow);

    private static JsonNode Spec(string file) => JsonNode.Parse(File.ReadAllText(Specs.PayPal(file)))!;

    private static IEnumerable<string> Enum(JsonNode? values) => values!.AsArray().Select(v => (string)v!).Order();
}
