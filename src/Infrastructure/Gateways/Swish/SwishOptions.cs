namespace CleanPrepay.Infrastructure.Gateways.Swish;

/// <summary>
/// Section <c>Gateways:Swish</c>. Swish authenticates us by mutual TLS only: the client certificate
/// (PKCS#12, issued through Swish Certificate Management) and its password come from configuration
/// and are never logged. There is no API key.
/// </summary>
public sealed class SwishOptions : GatewayOptions
{
    public SwishOptions() => BaseUrl = "https://cpc.getswish.net/swish-cpcapi";

    /// <summary>Our Swish number (<c>payeeAlias</c>, e.g. <c>1231181189</c>); Swish refuses a request whose alias is not the certificate's (403).</summary>
    public string? PayeeAlias { get; set; }

    /// <summary>The client certificate as a PKCS#12 (.p12/.pfx) file, with its chain; or <see cref="CertificateBase64"/>.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The client certificate as base64 PKCS#12, for secret stores that hold text; wins over <see cref="CertificatePath"/>.</summary>
    public string? CertificateBase64 { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>
    /// The only CA trusted for Swish's server certificate (PEM or base64 DER), pinning it; or
    /// <see cref="ServerCaCertificatePath"/>. Unset: the system's public CAs, as in production.
    /// </summary>
    public string? ServerCaCertificate { get; set; }

    public string? ServerCaCertificatePath { get; set; }

    public override bool HasCredentials =>
        !string.IsNullOrWhiteSpace(PayeeAlias) && (!string.IsNullOrWhiteSpace(CertificateBase64) || !string.IsNullOrWhiteSpace(CertificatePath));
}
