using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CleanPrepay.Application.Abstractions.Gateways;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CleanPrepay.Infrastructure.Gateways.Swish;

/// <summary>
/// Mutual TLS for the Swish named client: the primary handler presents our client certificate (with
/// the chain from the PKCS#12 file) and, when a CA is configured, trusts only that CA for the server.
/// </summary>
internal static class SwishTls
{
    /// <summary>The <c>configureClient</c> callback of the Swish registration.</summary>
    public static void Configure(IHttpClientBuilder client, SwishOptions options)
    {
        client.Services.TryAddSingleton<SwishCertificates>();
        client.ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<SwishCertificates>().CreateHandler());
    }
}

/// <summary>
/// The certificates, loaded once (the factory builds a new handler every few minutes) and disposed
/// with the container. A certificate that cannot be loaded is an authentication fault, named by its
/// setting only: the password never appears in a message.
/// </summary>
internal sealed class SwishCertificates(IOptions<SwishOptions> options) : IDisposable
{
    // PublicationOnly: a failed load (a certificate file briefly unreadable) is tried again by the next handler, not cached until restart.
    private readonly Lazy<Loaded> _loaded = new(() => Load(options.Value), LazyThreadSafetyMode.PublicationOnly);

    public SocketsHttpHandler CreateHandler()
    {
        var loaded = _loaded.Value;
        var ssl = new SslClientAuthenticationOptions { ClientCertificateContext = loaded.Client };
        if (loaded.ServerCa is { } ca)
        {
            // Pinned: the server's chain must end at this CA; the host name is still checked.
            var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
            policy.CustomTrustStore.Add(ca);
            ssl.CertificateChainPolicy = policy;
        }

        return new SocketsHttpHandler { SslOptions = ssl, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
    }

    public void Dispose()
    {
        if (_loaded.IsValueCreated)
        {
            foreach (var certificate in _loaded.Value.Owned)
            {
                certificate.Dispose();
            }
        }
    }

    private static Loaded Load(SwishOptions options)
    {
        var owned = new List<X509Certificate2>();
        SslStreamCertificateContext? client = null;
        if (ReadPkcs12(options) is { } pkcs12)
        {
            X509Certificate2Collection collection;
            try
            {
                collection = X509CertificateLoader.LoadPkcs12Collection(pkcs12, options.CertificatePassword);
            }
            catch (CryptographicException ex)
            {
                throw Fault("the client certificate (Gateways:Swish:Certificate…) could not be read: a wrong password or not PKCS#12.", ex);
            }

            owned.AddRange(collection);
            var leaf = collection.FirstOrDefault(c => c.HasPrivateKey)
                ?? throw Fault("the client certificate (Gateways:Swish:Certificate…) has no private key.");
            var chain = new X509Certificate2Collection(collection.Where(c => !ReferenceEquals(c, leaf)).ToArray());
            client = SslStreamCertificateContext.Create(leaf, chain, offline: true);
        }

        return new Loaded(client, ReadServerCa(options, owned), owned);
    }

    private static byte[]? ReadPkcs12(SwishOptions options)
    {
        try
        {
            return !string.IsNullOrWhiteSpace(options.CertificateBase64) ? Convert.FromBase64String(options.CertificateBase64.Trim())
                : !string.IsNullOrWhiteSpace(options.CertificatePath) ? File.ReadAllBytes(options.CertificatePath)
                : null;
        }
        catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
        {
            throw Fault("the client certificate (Gateways:Swish:CertificateBase64 or CertificatePath) could not be read.", ex);
        }
    }

    private static X509Certificate2? ReadServerCa(SwishOptions options, List<X509Certificate2> owned)
    {
        try
        {
            var text = !string.IsNullOrWhiteSpace(options.ServerCaCertificate) ? options.ServerCaCertificate.Trim()
                : !string.IsNullOrWhiteSpace(options.ServerCaCertificatePath) ? File.ReadAllText(options.ServerCaCertificatePath).Trim()
                : null;
            if (text is null)
            {
                return null;
            }

            var ca = text.StartsWith("-----BEGIN", StringComparison.Ordinal)
                ? X509Certificate2.CreateFromPem(text)
                : X509CertificateLoader.LoadCertificate(Convert.FromBase64String(text));
            owned.Add(ca);
            return ca;
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or IOException or UnauthorizedAccessException)
        {
            throw Fault("the server CA (Gateways:Swish:ServerCaCertificate or ServerCaCertificatePath) is not a PEM or base64 DER certificate.", ex);
        }
    }

    private static GatewayException Fault(string what, Exception? inner = null) =>
        new(SwishGateway.GatewayName, GatewayErrorKind.Authentication, "client_certificate", $"Swish is misconfigured: {what}", inner);

    private sealed record Loaded(SslStreamCertificateContext? Client, X509Certificate2? ServerCa, List<X509Certificate2> Owned);
}
