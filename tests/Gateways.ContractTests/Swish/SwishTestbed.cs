using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Domain.Monetary;
using CleanPrepay.Gateways.ContractTests.Support;
using CleanPrepay.Infrastructure.Gateways.Swish;

namespace CleanPrepay.Gateways.ContractTests.Swish;

/// <summary>A fake Swish over mutual TLS and the adapter wired against it from settings, as the API wires it.</summary>
public sealed class SwishTestbed : IAsyncDisposable
{
    public const string PaymentId = "pay_0192f0c4a1b27c3d8e9f00112233aabb";
    public const string ReturnUrl = "https://shop.example.com/paid?order=42&lang=sv";

    private SwishTestbed(FakeSwish fake, GatewayHost host, Dictionary<string, string?> settings)
    {
        Fake = fake;
        Host = host;
        Settings = settings;
    }

    public FakeSwish Fake { get; }

    public GatewayHost Host { get; }

    public Dictionary<string, string?> Settings { get; }

    public IPaymentGateway Gateway => Host.Gateway("swish");

    internal SwishGateway Adapter => Host.Get<SwishGateway>();

    public static SwishCertificatesForTests Certificates => SwishCertificatesForTests.Shared;

    public static string ClientPkcs12Base64 { get; } =
        Convert.ToBase64String(SwishCertificatesForTests.Pkcs12(Certificates.Client, Certificates.Ca, SwishCertificatesForTests.Password));

    /// <summary>The settings of a correctly configured adapter, changed by <paramref name="change"/> (a null value removes a setting).</summary>
    public static async Task<SwishTestbed> StartAsync(Action<Dictionary<string, string?>>? change = null)
    {
        var fake = await FakeSwish.StartAsync(Certificates);
        var settings = new Dictionary<string, string?>
        {
            ["Gateways:Swish:BaseUrl"] = fake.BaseUrl.ToString(),
            ["Gateways:Swish:PayeeAlias"] = FakeSwish.SwishNumber,
            ["Gateways:Swish:CertificateBase64"] = ClientPkcs12Base64,
            ["Gateways:Swish:CertificatePassword"] = SwishCertificatesForTests.Password,
            ["Gateways:Swish:ServerCaCertificate"] = SwishCertificatesForTests.Pem(Certificates.Ca),
            ["Gateways:Swish:PublicBaseUrl"] = "https://pay.example.com",
            ["Gateways:Swish:RetryDelay"] = "00:00:00.010",
        };
        change?.Invoke(settings);
        foreach (var removed in settings.Where(s => s.Value is null).Select(s => s.Key).ToList())
        {
            settings.Remove(removed);
        }

        return new SwishTestbed(fake, new GatewayHost(settings), settings);
    }

    public static GatewayPaymentRequest Request(long ore = 10_000, string? payer = null, string currency = "SEK", string paymentId = PaymentId) =>
        new(paymentId, Money.Of(ore, currency), payer, paymentId, "cus_0192f0c4a1b27c3d8e9f001122330000", "Wallet top-up top_0192f0c4")
        {
            ReturnUrl = ReturnUrl,
        };

    public static GatewayPaymentLookup Lookup(string? providerReference, long ore = 10_000, string paymentId = PaymentId) =>
        new(paymentId, providerReference, Money.Of(ore, "SEK"));

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Fake.DisposeAsync();
    }
}
