using System.Security.Cryptography;
using System.Text;
using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Infrastructure.Gateways.Stripe;

namespace CleanPrepay.Gateways.ContractTests.Stripe;

/// <summary>Stripe-Signature as Stripe documents it: HMAC-SHA256 over "t.body", any v1 may match, 300 s tolerance.</summary>
public sealed class StripeWebhookSignatureTests
{
    private const string Secret = "whsec_test_current_0123456789";
    private const string OldSecret = "whsec_test_previous_9876543210";
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static readonly StripeOptions Options = new() { SecretKey = "sk_test_x", WebhookSecret = Secret, PreviousWebhookSecrets = [OldSecret] };

    public static string Event(string id = "evt_1", string status = "succeeded") =>
        "{\"id\":\"" + id + "\",\"object\":\"event\",\"type\":\"payment_intent.succeeded\",\"livemode\":false,\"data\":{\"object\":"
        + "{\"id\":\"pi_123\",\"object\":\"payment_intent\",\"status\":\"" + status + "\",\"amount\":1000,\"currency\":\"eur\",\"metadata\":{\"payment_id\":\"pay_1\"}}}}";

    public static string Sign(string body, string secret, long timestamp) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    private static WebhookVerification Verify(string body, string header, DateTimeOffset? at = null) =>
        StripeWebhooks.Verify(new WebhookRequest(new Dictionary<string, string> { ["Stripe-Signature"] = header }, Encoding.UTF8.GetBytes(body), at ?? Now), Options);

    [Fact]
    public void A_correct_signature_is_verified_and_the_intent_mapped()
    {
        var body = Event();
        var t = Now.ToUnixTimeSeconds();
        var verified = Verify(body, $"t={t},v1={Sign(body, Secret, t)}");

        Assert.True(verified.Verified, verified.Reason);
        var e = Assert.Single(verified.Events);
        Assert.Equal(("evt_1", "pi_123", PaymentStatus.Succeeded, "pay_1"), (e.EventId, e.ProviderReference, e.Status, e.PaymentReference));
    }

    [Fact]
    public void During_secret_rotation_any_v1_signed_with_a_known_secret_passes_and_other_schemes_are_ignored()
    {
        var body = Event();
        var t = Now.ToUnixTimeSeconds();
        var header = $"t={t},v0={Sign(body, "whsec_other", t)},v1={Sign(body, "whsec_unknown", t)},v1={Sign(body, OldSecret, t)}";

        Assert.True(Verify(body, header).Verified);
    }

    [Theory]
    [InlineData("wrong secret")]
    [InlineData("body changed")]
    [InlineData("v0 only")]
    [InlineData("no timestamp")]
    [InlineData("garbage")]
    [InlineData("timestamp changed")]
    public void A_wrong_signature_is_rejected(string how)
    {
        var body = Event();
        var t = Now.ToUnixTimeSeconds();
        var (sent, header) = how switch
        {
            "wrong secret" => (body, $"t={t},v1={Sign(body, "whsec_attacker", t)}"),
            "body changed" => (body.Replace("1000", "1"), $"t={t},v1={Sign(body, Secret, t)}"),
            "v0 only" => (body, $"t={t},v0={Sign(body, Secret, t)}"),
            "no timestamp" => (body, $"v1={Sign(body, Secret, t)}"),
            "timestamp changed" => (body, $"t={t + 1},v1={Sign(body, Secret, t)}"),
            _ => (body, "not a signature"),
        };

        var verification = Verify(sent, header);

        Assert.False(verification.Verified);
        Assert.Empty(verification.Events);
    }

    [Theory]
    [InlineData(-301, false)]
    [InlineData(-300, true)]
    [InlineData(299, true)]
    [InlineData(301, false)]
    public void The_timestamp_must_be_within_300_seconds(int offsetSeconds, bool accepted)
    {
        var body = Event();
        var t = Now.AddSeconds(offsetSeconds).ToUnixTimeSeconds();

        Assert.Equal(accepted, Verify(body, $"t={t},v1={Sign(body, Secret, t)}").Verified);
    }

    [Fact]
    public void Without_a_configured_secret_nothing_is_verified()
    {
        var body = Event();
        var t = Now.ToUnixTimeSeconds();
        var request = new WebhookRequest(new Dictionary<string, string> { ["Stripe-Signature"] = $"t={t},v1={Sign(body, Secret, t)}" }, Encoding.UTF8.GetBytes(body), Now);

        Assert.False(StripeWebhooks.Verify(request, new StripeOptions { SecretKey = "sk_test_x" }).Verified);
    }
}
