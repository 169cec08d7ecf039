using System.Text.Json.Nodes;
using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Domain.Monetary;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Gateways.ContractTests.Support;
using CleanPrepay.Infrastructure.Gateways.Stripe;

namespace CleanPrepay.Gateways.ContractTests.Stripe;

/// <summary>The Stripe adapter over real HTTP against a local Stripe built from Stripe's published fixtures.</summary>
public sealed class StripeGatewayTests : IAsyncLifetime
{
    private FakeStripe _stripe = null!;
    private GatewayHost _host = null!;

    private IPaymentGateway Stripe => _host.Gateway("stripe");

    public async Task InitializeAsync()
    {
        _stripe = await FakeStripe.StartAsync();
        _host = new GatewayHost(_stripe.Settings());
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _stripe.DisposeAsync();
    }

    private static GatewayPaymentRequest Request(string paymentMethod, long amount = 1000, string currency = "EUR", string id = "pay_1") =>
        new(id, new Money(amount, Currency.From(currency)), paymentMethod, id, "cus_1", "Order ord_1");

    [Fact]
    public async Task A_card_payment_is_one_form_encoded_call_with_the_key_the_idempotency_key_and_the_pinned_version()
    {
        var outcome = await Stripe.CreatePaymentAsync(Request("pm_card_visa", 1999, "EUR", "pay_abc"), default);

        Assert.Equal(PaymentStatus.Succeeded, outcome.Status);
        Assert.StartsWith("pi_fake", outcome.ProviderReference);
        var sent = Assert.Single(_stripe.Server.Requests);
        Assert.Equal(("POST", "/v1/payment_intents"), (sent.Method, sent.Path));
        Assert.Equal($"Bearer {FakeStripe.SecretKey}", sent.Header("Authorization"));
        Assert.Equal("pay_abc", sent.Header("Idempotency-Key"));
        Assert.Equal("2023-08-16", sent.Header("Stripe-Version"));
        Assert.StartsWith("application/x-www-form-urlencoded", sent.Header("Content-Type"));
        Assert.Equal(
            "amount=1999&currency=eur&payment_method=pm_card_visa&payment_method_types%5B0%5D=card&confirm=true&capture_method=automatic"
            + "&description=Order+ord_1&metadata%5Bpayment_id%5D=pay_abc&metadata%5Bcustomer_id%5D=cus_1",
            sent.Body);
    }

    [Fact]
    public async Task Amounts_are_integer_minor_units_in_the_currencys_exponent()
    {
        await Stripe.CreatePaymentAsync(Request("pm_card_visa", 1306, "JPY", "pay_jpy"), default);

        var intent = _stripe.Intents.Values.Single();
        Assert.Equal((1306L, "jpy"), ((long)intent["amount"]!, (string?)intent["currency"]));
    }

    [Fact]
    public async Task A_decline_is_a_402_mapped_to_a_failed_payment_with_the_neutral_code()
    {
        var outcome = await Stripe.CreatePaymentAsync(Request("pm_card_chargeDeclined"), default);

        Assert.Equal((PaymentStatus.Failed, GatewayFailureCodes.CardDeclined), (outcome.Status, outcome.FailureCode));
        Assert.StartsWith("pi_fake", outcome.ProviderReference);
    }

    [Fact]
    public async Task Three_d_secure_is_requires_action_with_the_redirect_from_next_action()
    {
        var outcome = await Stripe.CreatePaymentAsync(Request("pm_card_threeDSecure2Required") with { ReturnUrl = "https://shop.test/return" }, default);

        Assert.Equal(PaymentStatus.RequiresAction, outcome.Status);
        Assert.Equal("redirect", outcome.NextActionType);
        Assert.Equal($"https://hooks.stripe.com/3d_secure_2/hosted?payment_intent={outcome.ProviderReference}", outcome.NextActionUrl);
        Assert.Contains("return_url=https%3A%2F%2Fshop.test%2Freturn", _stripe.Server.Requests.Single().Body);

        _stripe.SetStatus(outcome.ProviderReference!, "succeeded");
        var confirmed = await Stripe.ConfirmPaymentAsync(new GatewayPaymentLookup("pay_1", outcome.ProviderReference, new Money(1000, Currency.From("EUR"))), default);
        Assert.Equal(PaymentStatus.Succeeded, confirmed.Status);
    }

    [Fact]
    public async Task Authorise_then_capture_the_amount_with_its_own_idempotency_key()
    {
        var authorised = await Stripe.CreatePaymentAsync(Request("pm_card_visa") with { Capture = false }, default);
        Assert.Equal(PaymentStatus.Authorized, authorised.Status);

        var lookup = new GatewayPaymentLookup("pay_1", authorised.ProviderReference, new Money(1000, Currency.From("EUR")));
        var captured = await Stripe.CaptureAsync(lookup, "pay_1_capture", default);

        Assert.Equal(PaymentStatus.Succeeded, captured.Status);
        var capture = _stripe.Server.Requests.Last();
        Assert.Equal(($"/v1/payment_intents/{authorised.ProviderReference}/capture", "pay_1_capture", "amount_to_capture=1000"), (capture.Path, capture.Header("Idempotency-Key"), capture.Body));
    }

    [Fact]
    public async Task Sync_without_a_reference_finds_the_intent_by_our_payment_id()
    {
        await Stripe.CreatePaymentAsync(Request("pm_card_processing", id: "pay_lost"), default);

        var synced = await Stripe.SyncAsync(new GatewayPaymentLookup("pay_lost", null, new Money(1000, Currency.From("EUR"))), default);
        Assert.Equal(PaymentStatus.Pending, synced.Status);
        Assert.Equal(_stripe.Intents.Keys.Single(), synced.ProviderReference);

        var nothing = await Stripe.SyncAsync(new GatewayPaymentLookup("pay_never_sent", null, new Money(1000, Currency.From("EUR"))), default);
        Assert.True(nothing.Unanswered);
    }

    [Fact]
    public async Task Cancel_and_refund()
    {
        var pending = await Stripe.CreatePaymentAsync(Request("pm_card_threeDSecure2Required", id: "pay_c"), default);
        var canceled = await Stripe.CancelAsync(new GatewayPaymentLookup("pay_c", pending.ProviderReference, new Money(1000, Currency.From("EUR"))), "pay_c_cancel", default);
        Assert.Equal((PaymentStatus.Canceled, GatewayFailureCodes.Expired), (canceled.Status, canceled.FailureCode));

        var paid = await Stripe.CreatePaymentAsync(Request("pm_card_visa", id: "pay_r"), default);
        var refund = await Stripe.RefundAsync(new GatewayRefundRequest("ref_1", paid.ProviderReference!, new Money(400, Currency.From("EUR")), "ref_1"), default);
        Assert.Equal(PaymentStatus.Succeeded, refund.Status);
        Assert.StartsWith("re_fake", refund.ProviderReference);
        var sent = _stripe.Server.Requests.Last();
        Assert.Equal(($"payment_intent={paid.ProviderReference}&amount=400&metadata%5Brefund_id%5D=ref_1", "ref_1"), (sent.Body, sent.Header("Idempotency-Key")));
    }

    [Theory]
    [InlineData("requires_payment_method", PaymentStatus.Failed)]
    [InlineData("requires_confirmation", PaymentStatus.Pending)]
    [InlineData("requires_action", PaymentStatus.RequiresAction)]
    [InlineData("processing", PaymentStatus.Pending)]
    [InlineData("requires_capture", PaymentStatus.Authorized)]
    [InlineData("succeeded", PaymentStatus.Succeeded)]
    [InlineData("canceled", PaymentStatus.Canceled)]
    public void Every_payment_intent_status_of_the_spec_maps_to_the_neutral_set(string status, PaymentStatus expected)
    {
        var intent = FakeStripe.Fixture("payment_intent");
        intent["status"] = status;

        Assert.Equal(expected, StripeStatuses.Payment(intent).Status);
    }

    [Fact]
    public void The_status_lists_are_the_specs_own_enums()
    {
        Assert.Equal(StripeStatuses.PaymentIntentStatuses.Order(), SpecEnum("payment_intent", "status").Order());
        Assert.All(StripeStatuses.PaymentIntentStatuses, s => Assert.True(s is not null));
        Assert.All(StripeStatuses.RefundStatuses, s => StripeStatuses.Refund(s));
    }

    [Theory]
    [InlineData("pending", PaymentStatus.Pending)]
    [InlineData("requires_action", PaymentStatus.Pending)]
    [InlineData("succeeded", PaymentStatus.Succeeded)]
    [InlineData("failed", PaymentStatus.Failed)]
    [InlineData("canceled", PaymentStatus.Canceled)]
    public void Every_refund_status_maps_to_the_neutral_set(string status, PaymentStatus expected) =>
        Assert.Equal(expected, StripeStatuses.Refund(status));

    [Fact]
    public void The_adapter_parses_stripes_published_fixtures()
    {
        var intent = StripeStatuses.Payment(FakeStripe.Fixture("payment_intent"));
        Assert.Equal(("pi_1NnlpVGPxmnHQRkJNuz3w9tH", PaymentStatus.Failed), (intent.ProviderReference, intent.Status)); // the fixture is requires_payment_method

        var refundEvent = FakeStripe.Fixture("event");
        refundEvent["type"] = "charge.refund.updated";
        refundEvent["data"]!["object"] = FakeStripe.Fixture("refund");
        var parsed = StripeWebhooks.Parse(System.Text.Encoding.UTF8.GetBytes(refundEvent.ToJsonString()));
        var e = Assert.Single(parsed.Events);
        Assert.Equal((GatewayEventSubject.Refund, "re_1NnmX5GPxmnHQRkJzG1txqB9", PaymentStatus.Succeeded), (e.Subject, e.ProviderReference, e.Status));

        // The fixture event is about a plan: verified, acknowledged, nothing to apply.
        var planEvent = StripeWebhooks.Parse(System.Text.Encoding.UTF8.GetBytes(FakeStripe.Fixture("event").ToJsonString()));
        Assert.True(planEvent.Verified);
        Assert.Empty(planEvent.Events);
    }

    [Fact]
    public async Task A_500_is_retried_with_the_same_idempotency_key_and_stripe_replays_rather_than_charging_twice()
    {
        _stripe.Script.Enqueue(FakeResponse.Json(500, """{"error":{"type":"api_error","message":"boom"}}"""));

        var outcome = await Stripe.CreatePaymentAsync(Request("pm_card_visa", id: "pay_retry"), default);

        Assert.Equal(PaymentStatus.Succeeded, outcome.Status);
        Assert.Equal(["pay_retry", "pay_retry"], _stripe.Server.Requests.Select(r => r.Header("Idempotency-Key")));
        Assert.Single(_stripe.Intents);

        // A repeat of the whole call (our process retrying) gets Stripe's replay: still one intent.
        var again = await Stripe.CreatePaymentAsync(Request("pm_card_visa", id: "pay_retry"), default);
        Assert.Equal(outcome.ProviderReference, again.ProviderReference);
        Assert.Single(_stripe.Intents);
    }

    [Fact]
    public async Task A_timeout_is_unavailable_never_a_failure()
    {
        for (var i = 0; i < 3; i++)
        {
            _stripe.Script.Enqueue(new FakeResponse(200, "{}", Delay: TimeSpan.FromSeconds(5)));
        }

        var ex = await Assert.ThrowsAsync<GatewayException>(() => Stripe.CreatePaymentAsync(Request("pm_card_visa", id: "pay_slow"), default));

        Assert.Equal(GatewayErrorKind.Unavailable, ex.Kind);
        Assert.True(ex.OutcomeUnknown);
    }

    [Fact]
    public async Task A_wrong_key_is_an_authentication_error()
    {
        await using var host = new GatewayHost(new Dictionary<string, string?>(_stripe.Settings()) { ["Gateways:Stripe:SecretKey"] = "sk_test_wrong" });

        var ex = await Assert.ThrowsAsync<GatewayException>(() => host.Gateway("stripe").CreatePaymentAsync(Request("pm_card_visa"), default));

        Assert.Equal((GatewayErrorKind.Authentication, "api_key_invalid"), (ex.Kind, ex.ProviderCode));
        Assert.DoesNotContain("sk_test_wrong", ex.Message);
    }

    [Fact]
    public async Task Every_request_the_adapter_sends_is_valid_against_stripes_published_spec()
    {
        var money = new Money(1000, Currency.From("EUR"));
        var paid = await Stripe.CreatePaymentAsync(Request("pm_card_visa", id: "pay_c1") with { ReturnUrl = "https://shop.test/r" }, default);
        var held = await Stripe.CreatePaymentAsync(Request("pm_card_visa", id: "pay_c2") with { Capture = false }, default);
        await Stripe.CaptureAsync(new GatewayPaymentLookup("pay_c2", held.ProviderReference, money), "pay_c2_capture", default);
        var action = await Stripe.CreatePaymentAsync(Request("pm_card_threeDSecure2Required", id: "pay_c3"), default);
        await Stripe.CancelAsync(new GatewayPaymentLookup("pay_c3", action.ProviderReference, money), "pay_c3_cancel", default);
        await Stripe.SyncAsync(new GatewayPaymentLookup("pay_c1", paid.ProviderReference, money), default);
        await Stripe.SyncAsync(new GatewayPaymentLookup("pay_c1", null, money), default);
        await Stripe.RefundAsync(new GatewayRefundRequest("ref_c", paid.ProviderReference!, money, "ref_c"), default);

        var sent = _stripe.Server.Requests.ToList();
        var verdicts = await SpecValidator.ValidateAsync("stripe", sent);

        Assert.Equal(8, verdicts.Count);
        Assert.Equal(
            ["PostPaymentIntents", "PostPaymentIntents", "PostPaymentIntentsIntentCapture", "PostPaymentIntents", "PostPaymentIntentsIntentCancel",
             "GetPaymentIntentsIntent", "GetPaymentIntentsSearch", "PostRefunds"],
            verdicts.Select(v => v.Operation));
        Assert.All(verdicts, v => Assert.True(v.Errors.Count == 0, v.ToString()));
    }

    [Fact]
    public async Task Canary_the_spec_check_catches_a_malformed_request()
    {
        var good = new RecordedRequest("POST", "/v1/payment_intents", "", new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded" },
            "amount=1000&currency=eur", null);
        RecordedRequest[] requests =
        [
            good,
            good with { Body = "amout=1000&currency=eur" }, // misspelt parameter
            good with { Body = "amount=10.00&currency=eur" }, // a decimal where Stripe wants minor units
            good with { Body = "amount=1000&currency=eur&capture_method=later" }, // not in the enum
            good with { Path = "/v1/payment_intent" }, // no such path
            good with { Method = "GET", Path = "/v1/payment_intents/search", Query = "?qery=x", Body = "" }, // undeclared query parameter
        ];

        var verdicts = await SpecValidator.ValidateAsync("stripe", requests);

        Assert.Empty(verdicts[0].Errors);
        Assert.All(verdicts.Skip(1), v => Assert.NotEmpty(v.Errors));
        Assert.Contains(verdicts[1].Errors, e => e.Contains("'amout'"));
        Assert.Contains(verdicts[2].Errors, e => e.Contains("/amount") && e.Contains("integer"));
    }

    [Fact]
    public async Task No_log_line_carries_the_secret_key_or_the_payment_method_token()
    {
        await Stripe.CreatePaymentAsync(Request("pm_card_visa"), default);
        await Stripe.CreatePaymentAsync(Request("pm_card_chargeDeclined", id: "pay_2"), default);
        _stripe.Script.Enqueue(FakeResponse.Json(500, "{}"));
        await Stripe.SyncAsync(new GatewayPaymentLookup("pay_1", _stripe.Intents.Keys.First(), new Money(1000, Currency.From("EUR"))), default);

        Assert.NotEmpty(_host.LogLines); // the HttpClient logs each call at Information and its headers at Trace
        Assert.DoesNotContain(_host.LogLines, l => l.Contains(FakeStripe.SecretKey) || l.Contains("pm_card_visa") || l.Contains("whsec_"));
    }

    internal static IEnumerable<string> SpecEnum(string schema, string property)
    {
        var spec = File.ReadAllText(Specs.Stripe("spec3.yaml"));
        var start = spec.IndexOf($"\n    {schema}:\n", StringComparison.Ordinal);
        var at = spec.IndexOf($"\n        {property}:\n", start, StringComparison.Ordinal);
        var enumAt = spec.IndexOf("          enum:\n", at, StringComparison.Ordinal);
        return spec[(enumAt + "          enum:\n".Length)..]
            .Split('\n')
            .TakeWhile(l => l.StartsWith("            - ", StringComparison.Ordinal))
            .Select(l => l.Trim()[2..]);
    }
}
