namespace CleanPrepay.Infrastructure.Gateways.SecurionPay;

/// <summary>Section <c>Gateways:SecurionPay</c>. The key comes from configuration only and is never logged.</summary>
public sealed class SecurionPayOptions : GatewayOptions
{
    public SecurionPayOptions() => BaseUrl = "https://api.securionpay.com";

    /// <summary>
    /// The API secret key (<c>sk_test_…</c> / <c>sk_live_…</c>), sent as the HTTP Basic user name with an
    /// empty password. Test and live mode each have their own keys on the same base URL.
    /// </summary>
    public string? SecretKey { get; set; }

    /// <summary>
    /// Sends <c>threeDSecure: {requireEnrolledCard: false, requireSuccessfulLiabilityShiftForEnrolledCard: true}</c>
    /// on each charge (the charge request's <c>threeDSecure</c> object of SecurionPay's official SDKs): a card
    /// enrolled in 3-D Secure must then come with a liability shift. How the authentication itself is run is
    /// not in the documentation read for this adapter: it happens before the <c>tok_…</c> reaches us.
    /// </summary>
    public bool RequireThreeDSecureLiabilityShift { get; set; }

    public override bool HasCredentials => !string.IsNullOrWhiteSpace(SecretKey);
}
