using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CleanPrepay.Gateways.ContractTests.Swish;

/// <summary>
/// A private PKI made at test time, standing in for Swish's: a CA, the server's certificate for
/// 127.0.0.1/localhost and our client certificate, both signed by it; plus a stranger's self-signed
/// client certificate and a second CA that signed nothing here.
/// </summary>
public sealed class SwishCertificatesForTests
{
    public const string Password = "p12-test-password-7f3a9c";

    private static readonly Lazy<SwishCertificatesForTests> Instance = new(() => new SwishCertificatesForTests());

    private SwishCertificatesForTests()
    {
        Ca = CreateCa("CN=CleanPrepay Test Swish Root CA");
        OtherCa = CreateCa("CN=Somebody Else's Root CA");
        Server = Issue(Ca, "CN=localhost", server: true);
        Client = Issue(Ca, "CN=1231181189, O=CleanPrepay Test Merchant", server: false);
        Stranger = SelfSigned("CN=1231181189, O=Not Issued By Swish");
    }

    public static SwishCertificatesForTests Shared => Instance.Value;

    public X509Certificate2 Ca { get; }

    public X509Certificate2 OtherCa { get; }

    public X509Certificate2 Server { get; }

    public X509Certificate2 Client { get; }

    public X509Certificate2 Stranger { get; }

    public static string Pem(X509Certificate2 certificate) => certificate.ExportCertificatePem();

    /// <summary>A PKCS#12 file as Swish Certificate Management gives one: the client certificate, its key and the issuing CA.</summary>
    public static byte[] Pkcs12(X509Certificate2 certificate, X509Certificate2? issuer, string password)
    {
        var collection = new X509Certificate2Collection(certificate);
        if (issuer is not null)
        {
            collection.Add(X509CertificateLoader.LoadCertificate(issuer.RawData));
        }

        return collection.Export(X509ContentType.Pkcs12, password)!;
    }

    private static X509Certificate2 CreateCa(string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private static X509Certificate2 Issue(X509Certificate2 ca, string subject, bool server)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(server ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        if (server)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
        }

        using var issued = request.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(10), RandomNumberGenerator.GetBytes(16));
        using var withKey = issued.CopyWithPrivateKey(key);
        // Through PKCS#12, so the key is usable by the TLS stack like a key loaded from a file.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12, Password), Password);
    }

    private static X509Certificate2 SelfSigned(string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(10));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12, Password), Password);
    }
}
