using System.Security.Cryptography;
using System.Text;
using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Domain.Payments;

namespace CleanPrepay.Gateways.ContractTests.Tink;

/// <summary>
/// X-Tink-Signature as Tink documents it: <c>t=&lt;unix&gt;,v1=&lt;hex&gt;</c>, HMAC-SHA256 over
/// <c>t.body</c> with the endpoint's secret, other keys ignored, a replay window of 300 s by default.
/// Verified through the adapter as the API wires it.
/// </summary>
public sealed class TinkWebhookTests
{
    private const string RequestId = "d3d1a7f1b0c94d6e8a2b3c4d5e6f7a8b";
    private const string TransferId = "4f8e2a1c9b7d4e3fa5c6d7e8f9a0b1c2";
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    public static string Event(string status = "SETTLED", string type = "payment:updated", string? statusMessage = null) =>
        $$$"""{"context":{"userId":"","externalUserId":""},"event":"{{{type}}}","content":{"id":"{{{TransferId}}}","paymentRequestId":"{{{RequestId}}}","amount":10.5,"currency":"SEK","status":"{{{status}}}","statusMessage":{{{(statusMessage is null ? "null" : $"\"{statusMessage}\"")}}}}}""";

    public static string Sign(string body, string secret, long timestamp) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    private static async Task<WebhookVerification> VerifyAsync(string body, string? header, Action<Dictionary<string, string?>>? change = null)
    {
        await using var bed = await TinkTestbed.StartAsync(change);
        var headers = header is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["X-Tink-Signature"] = header };
        var verification = await bed.Gateway.VerifyWebhookAsync(new WebhookRequest(headers, Encoding.UTF8.GetBytes(body), Now), CancellationToken.None);
        Assert.Empty(bed.Fake.Requests); // a signed webhook needs no call back
        return verification;
    }

    private static string Header(string body, string secret = TinkTestbed.WebhookSecret, int ageSeconds = 0)
    {
        var t = Now.AddSeconds(-ageSeconds).ToUnixTimeSeconds();
        return $"t={t},v1={Sign(body, secret, t)}";
    }

    [Fact]
    public async Task A_correct_signature_is_verified_and_the_transfer_status_becomes_an_event_for_the_payment_request()
    {
        var body = Event();

        var verification = await VerifyAsync(body, Header(body));

        Assert.True(verification.Verified, verification.Reason);
        var e = Assert.Single(verification.Events);
        Assert.Equal(
            ($"{TransferId}:SETTLED", "payment:updated", GatewayEventSubject.Payment, RequestId, PaymentStatus.Succeeded),
            (e.EventId, e.Type, e.Subject, e.ProviderReference, e.Status));
    }

    [Theory]
    [InlineData("FAILED", PaymentStatus.Failed, GatewayFailureCodes.Declined)]
    [InlineData("CANCELLED", PaymentStatus.Canceled, GatewayFailureCodes.PayerCanceled)]
    [InlineData("SENT", PaymentStatus.Succeeded, null)]
    public async Task Final_statuses_arrive_mapped_with_Tinks_message(string status, PaymentStatus expected, string? failureCode)
    {
        var body = Event(status, statusMessage: "Bank said no");

        var e = Assert.Single((await VerifyAsync(body, Header(body))).Events);

        Assert.Equal(($"{TransferId}:{status}", expected, failureCode), (e.EventId, e.Status, e.FailureCode));
        Assert.Equal(failureCode is null ? null : "Bank said no", e.FailureMessage);
    }

    [Theory]
    [InlineData("wrong secret")]
    [InlineData("body tampered")]
    [InlineData("timestamp changed")]
    [InlineData("v0 only")]
    [InlineData("no timestamp")]
    [InlineData("no header")]
    [InlineData("garbage")]
    public async Task A_wrong_signature_is_rejected(string how)
    {
        var body = Event();
        var t = Now.ToUnixTimeSeconds();
        var (sent, header) = how switch
        {
            "wrong secret" => (body, Header(body, "tink-attacker-secret")),
            "body tampered" => (body.Replace("\"SETTLED\"", "\"SENT\"", StringComparison.Ordinal), Header(body)),
            "timestamp changed" => (body, $"t={t + 1},v1={Sign(body, TinkTestbed.WebhookSecret, t)}"),
            "v0 only" => (body, $"t={t},v0={Sign(body, TinkTestbed.WebhookSecret, t)}"),
            "no timestamp" => (body, $"v1={Sign(body, TinkTestbed.WebhookSecret, t)}"),
            "no header" => (body, (string?)null),
            _ => (body, "not a signature"),
        };

        var verification = await VerifyAsync(sent, header);

        Assert.False(verification.Verified);
        Assert.Empty(verification.Events);
    }

    [Theory]
    [InlineData(301, false)]
    [InlineData(300, true)]
    [InlineData(0, true)]
    [InlineData(-299, true)]
    [InlineData(-301, false)]
    public async Task The_timestamp_must_be_within_the_300_second_window(int ageSeconds, bool accepted)
    {
        var body = Event();

        Assert.Equal(accepted, (await VerifyAsync(body, Header(body, ageSeconds: ageSeconds))).Verified);
    }

    [Fact]
    public async Task The_window_is_configurable()
    {
        var body = Event();

        var verification = await VerifyAsync(body, Header(body, ageSeconds: 500), s => s["Gateways:Tink:WebhookTolerance"] = "00:10:00");

        Assert.True(verification.Verified, verification.Reason);
    }

    [Fact]
    public async Task Other_keys_are_ignored_and_any_v1_may_match_including_one_made_with_the_previous_secret()
    {
        var body = Event();
        var t = Now.ToUnixTimeSeconds();
        var header = $"t={t}, v0={Sign(body, TinkTestbed.WebhookSecret, t)}, x=y, v1={Sign(body, "unknown", t)}, v1={Sign(body, "tink-previous-secret", t)}";

        var verification = await VerifyAsync(body, header, s => s["Gateways:Tink:PreviousWebhookSecrets:0"] = "tink-previous-secret");

        Assert.True(verification.Verified, verification.Reason);
    }

    [Fact]
    public async Task Other_events_are_acknowledged_without_events()
    {
        var body = Event(type: "account-transactions:modified");

        var verification = await VerifyAsync(body, Header(body));

        Assert.True(verification.Verified);
        Assert.Empty(verification.Events);
    }

    [Theory]
    [InlineData("""{"event":"payment:updated","content":{"id":"x","status":"SENT"}}""")]
    [InlineData("""{"event":"payment:updated"}""")]
    [InlineData("""{"event":"payment:updated","content":{"id":"x","paymentRequestId":"y","status":"TELEPORTED"}}""")]
    [InlineData("""[1,2]""")]
    [InlineData("""not json""")]
    public async Task A_signed_but_malformed_body_is_rejected(string body)
    {
        var verification = await VerifyAsync(body, Header(body));

        Assert.False(verification.Verified);
    }

    [Fact]
    public async Task Without_a_configured_secret_nothing_is_verified()
    {
        var body = Event();

        var verification = await VerifyAsync(body, Header(body), s => s["Gateways:Tink:WebhookSecret"] = null);

        Assert.False(verification.Verified);
    }
}
