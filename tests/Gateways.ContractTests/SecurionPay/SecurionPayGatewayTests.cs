using System.Text.Json.Nodes;
using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Domain.Payments;
using static CleanPrepay.Gateways.ContractTests.SecurionPay.SecurionPayFixture;
using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Gateways.ContractTests.SecurionPay;

/// <summary>The SecurionPay adapter against a fake SecurionPay over real HTTP: requests as documented, answers mapped.</summary>
public sealed class SecurionPayGatewayTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_charge_sends_the_documented_request_and_maps_the_answer()
    {
        await using var f = await StartAsync();

        var outcome = await f.Gateway.CreatePaymentAsync(Request(), None);

        var sent = Assert.Single(f.Fake.Requests);
        Assert.Equal(("POST", "/charges"), (sent.Method, sent.Path));
        Assert.Equal(FakeSecurionPay.Authorization(FakeSecurionPay.SecretKey), sent.Header("Authorization"));
        Assert.StartsWith("application/json", sent.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Null(sent.Header("Idempotency-Key")); // none is documented: none is sent
        var expected = JsonNode.Parse($$$"""
            {"amount":1000,"currency":"EUR","card":"{{{Token}}}","captured":true,"description":"Top-up 10.00","metadata":{"payment_id":"pay_1"}}
            """);
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(sent.Body)), sent.Body);
        Assert.Equal((PaymentStatus.Succeeded, "char_Fake0001"), (outcome.Status, outcome.ProviderReference));
    }

    [Theory]
    [InlineData(1000, "EUR", 1000)]
    [InlineData(1000, "JPY", 1000)]
    [InlineData(1, "USD", 1)]
    public async Task The_amount_is_in_minor_units(long minorUnits, string currency, long sent)
    {
        await using var f = await StartAsync();

        await f.Gateway.CreatePaymentAsync(Request(minorUnits, currency), None);

        var body = JsonNode.Parse(Assert.Single(f.Fake.Requests).Body)!;
        Assert.Equal((sent, currency), (body["amount"]!.GetValue<long>(), body["currency"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("insufficient_funds", GatewayFailureCodes.InsufficientFunds)]
    [InlineData("expired_card", GatewayFailureCodes.ExpiredCard)]
    [InlineData("incorrect_cvc", GatewayFailureCodes.InvalidPaymentMethod)]
    [InlineData("invalid_number", GatewayFailureCodes.InvalidPaymentMethod)]
    [InlineData("card_declined", GatewayFailureCodes.CardDeclined)]
    [InlineData("suspected_fraud", GatewayFailureCodes.CardDeclined)]
    [InlineData("processing_error", GatewayFailureCodes.ProcessingError)]
    [InlineData("some_new_code", GatewayFailureCodes.CardDeclined)]
    public async Task A_declined_card_402_is_a_failed_payment_with_the_failed_charges_id(string code, string neutral)
    {
        await using var f = await StartAsync();
        f.Fake.Declines["tok_declined"] = code;

        var outcome = await f.Gateway.CreatePaymentAsync(Request(token: "tok_declined"), None);

        Assert.Equal((PaymentStatus.Failed, "char_Fake0001", neutral), (outcome.Status, outcome.ProviderReference, outcome.FailureCode));
        Assert.Equal("The card was declined.", outcome.FailureMessage);
    }

    [Fact]
    public async Task Only_card_tokens_are_accepted_and_anything_else_is_refused_before_a_call()
    {
        await using var f = await StartAsync();

        var ex = await Assert.ThrowsAsync<GatewayException>(() => f.Gateway.CreatePaymentAsync(Request(token: "pm_card_visa"), None));

        Assert.Equal(GatewayErrorKind.InvalidRequest, ex.Kind);
        Assert.DoesNotContain("pm_card_visa", ex.Message, StringComparison.Ordinal);
        Assert.Empty(f.Fake.Requests);
        Assert.True(f.Gateway.AcceptsPaymentMethod(Token));
        Assert.False(f.Gateway.AcceptsPaymentMethod(null));
        Assert.False(f.Gateway.AcceptsPaymentMethod("tok_"));
        Assert.False(f.Gateway.AcceptsPaymentMethod("ideal"));
        Assert.True(f.Gateway.Capabilities.RequiresPaymentMethod);
    }

    [Fact]
    public async Task Authorise_only_then_capture_reads_the_charge_and_captures_it_once()
    {
        await using var f = await StartAsync();
        var created = await f.Gateway.CreatePaymentAsync(Request(capture: false), None);
        Assert.False(JsonNode.Parse(f.Fake.Requests[0].Body)!["captured"]!.GetValue<bool>());
        Assert.Equal(PaymentStatus.Authorized, created.Status);

        var captured = await f.Gateway.CaptureAsync(Lookup(created.ProviderReference), "idem-capture-1", None);
        var again = await f.Gateway.CaptureAsync(Lookup(created.ProviderReference), "idem-capture-1", None);

        Assert.Equal((PaymentStatus.Succeeded, created.ProviderReference), (captured.Status, captured.ProviderReference));
        Assert.Equal(PaymentStatus.Succeeded, again.Status);
        Assert.Equal(
            ["POST /charges", "GET /charges/char_Fake0001", "POST /charges/char_Fake0001/capture", "GET /charges/char_Fake0001"],
            f.Fake.Requests.Select(r => $"{r.Method} {r.Path}"));
    }

    [Fact]
    public async Task A_charge_holding_another_amount_is_not_captured()
    {
        await using var f = await StartAsync();
        var reference = await f.ChargeAsync(capture: false);

        var ex = await Assert.ThrowsAsync<GatewayException>(() => f.Gateway.CaptureAsync(Lookup(reference, 800), "idem-capture-1", None));

        Assert.Equal((GatewayErrorKind.InvalidRequest, "amount_mismatch"), (ex.Kind, ex.ProviderCode));
        Assert.DoesNotContain(f.Fake.Requests, r => r.Path.EndsWith("/capture", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancel_releases_an_authorisation_with_a_full_refund_and_leaves_a_captured_charge_alone()
    {
        await using var f = await StartAsync();
        var authorized = await f.ChargeAsync(capture: false);
        var captured = await f.ChargeAsync();

        var released = await f.Gateway.CancelAsync(Lookup(authorized), "idem-cancel-1", None);
        var untouched = await f.Gateway.CancelAsync(Lookup(captured), "idem-cancel-2", None);

        Assert.Equal((PaymentStatus.Canceled, GatewayFailureCodes.PayerCanceled), (released.Status, released.FailureCode));
        Assert.Equal(PaymentStatus.Succeeded, untouched.Status);
        var refund = Assert.Single(f.Fake.Requests, r => r.Path.EndsWith("/refund", StringComparison.Ordinal));
        Assert.Equal(($"/charges/{authorized}/refund", "{}"), (refund.Path, refund.Body));
    }

    [Fact]
    public async Task Sync_reads_the_charge_and_without_a_reference_answers_nothing_known()
    {
        await using var f = await StartAsync();
        var reference = await f.ChargeAsync();

        var synced = await f.Gateway.SyncAsync(Lookup(reference), None);
        var unknown = await f.Gateway.SyncAsync(Lookup(null), None);

        Assert.Equal((PaymentStatus.Succeeded, reference), (synced.Status, synced.ProviderReference));
        Assert.Same(GatewayOutcome.NoAnswer, unknown);
        Assert.Equal(["POST /charges", $"GET /charges/{reference}"], f.Fake.Requests.Select(r => $"{r.Method} {r.Path}"));
    }

    [Fact]
    public async Task A_refund_posts_the_amount_in_minor_units_and_a_200_is_a_done_refund()
    {
        await using var f = await StartAsync();
        var reference = await f.ChargeAsync();

        var refund = await f.Gateway.RefundAsync(new GatewayRefundRequest("ref_1", reference, Money.Of(400, "EUR"), "idem-refund-1"), None);

        var sent = f.Fake.Requests[^1];
        Assert.Equal(("POST", $"/charges/{reference}/refund", """{"amount":400}"""), (sent.Method, sent.Path, sent.Body));
        // The classic refund entry has no id: the outcome is done, with no reference of its own.
        Assert.Equal((PaymentStatus.Succeeded, (string?)null), (refund.Status, refund.ProviderReference));
    }

    [Fact]
    public async Task When_refund_entries_carry_an_id_the_newest_one_is_the_reference()
    {
        await using var f = await StartAsync();
        f.Fake.RefundIds = true;
        var reference = await f.ChargeAsync();

        var first = await f.Gateway.RefundAsync(new GatewayRefundRequest("ref_1", reference, Money.Of(300, "EUR"), "k1"), None);
        var second = await f.Gateway.RefundAsync(new GatewayRefundRequest("ref_2", reference, Money.Of(200, "EUR"), "k2"), None);

        Assert.Equal((PaymentStatus.Succeeded, "re_Fake0003"), (first.Status, first.ProviderReference));
        Assert.Equal((PaymentStatus.Succeeded, "re_Fake0005"), (second.Status, second.ProviderReference));
    }

    [Fact]
    public async Task A_refund_beyond_what_is_left_is_an_invalid_request()
    {
        await using var f = await StartAsync();
        var reference = await f.ChargeAsync();

        var ex = await Assert.ThrowsAsync<GatewayException>(() =>
            f.Gateway.RefundAsync(new GatewayRefundRequest("ref_1", reference, Money.Of(1001, "EUR"), "idem-refund-1"), None));

        Assert.Equal((GatewayErrorKind.InvalidRequest, "invalid_request"), (ex.Kind, ex.ProviderCode));
    }

    [Fact]
    public async Task The_three_d_secure_requirement_is_sent_only_when_configured()
    {
        await using var f = await StartAsync(settings: new Dictionary<string, string?> { ["Gateways:SecurionPay:RequireThreeDSecureLiabilityShift"] = "true" });

        await f.Gateway.CreatePaymentAsync(Request(), None);

        var threeDSecure = JsonNode.Parse(Assert.Single(f.Fake.Requests).Body)!["threeDSecure"];
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"requireEnrolledCard":false,"requireSuccessfulLiabilityShiftForEnrolledCard":true}"""), threeDSecure), threeDSecure?.ToJsonString());
    }
}
