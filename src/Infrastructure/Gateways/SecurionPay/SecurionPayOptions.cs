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
    /// Refuse a charge on a 3-D Secure enrolled card without a liability shift (docs/reference/providers.md#securionpay).
    /// </summary>
    public bool RequireThreeDSecureLiabilityShift { get; set; }

    public override bool HasCredentials => !string.IsNullOrWhiteSpace(SecretKey);
}
