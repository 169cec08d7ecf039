using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Domain.Monetary;
using CleanPrepay.Gateways.ContractTests.Support;

namespace CleanPrepay.Gateways.ContractTests.Tink;

/// <summary>A fake Tink and the adapter wired against it from settings, as the API wires it.</summary>
public sealed class TinkTestbed : IAsyncDisposable
{
    public const string PaymentId = "pay_0192f0c4a1b27c3d8e9f00112233aabb";
    public const string WebhookSecret = "tink-webhook-secret-5e1d0a77c3";
    public const string Iban = "SE4550000000058398257466";

    private TinkTestbed(FakeTink fake, GatewayHost host)
    {
        Fake = fake;
        Host = host;
    }

    public FakeTink Fake { get; }

    public GatewayHost Host { get; }

    public IPaymentGateway Gateway => Host.Gateway("tink");

    public static async Task<TinkTestbed> StartAsync(Action<Dictionary<string, string?>>? change = null, TimeProvider? time = null)
    {
        var fake = await FakeTink.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Gateways:Tink:BaseUrl"] = fake.BaseUrl.ToString(),
            ["Gateways:Tink:ClientId"] = FakeTink.ClientId,
            ["Gateways:Tink:ClientSecret"] = FakeTink.ClientSecret,
            ["Gateways:Tink:Market"] = "SE",
            ["Gateways:Tink:RecipientName"] = "CleanPrepay AB",
            ["Gateways:Tink:Recipient:AccountNumber"] = Iban,
            ["Gateways:Tink:Recipient:AccountType"] = "iban",
            ["Gateways:Tink:RedirectUri"] = "https://pay.example.com/return/tink",
            ["Gateways:Tink:WebhookSecret"] = WebhookSecret,
            ["Gateways:Tink:RetryDelay"] = "00:00:00.010",
        };
        change?.Invoke(settings);
        foreach (var removed in settings.Where(s => s.Value is null).Select(s => s.Key).ToList())
        {
            settings.Remove(removed);
        }

        return new TinkTestbed(fake, new GatewayHost(settings, time));
    }

    public static GatewayPaymentRequest Request(long minor = 1050, string currency = "SEK", string? country = "SE") =>
        new(PaymentId, Money.Of(minor, currency), null, PaymentId, "cus_0192f0c4a1b27c3d8e9f001122330000", "Wallet top-up")
        {
            ReturnUrl = "https://shop.example.com/paid?order=42",
            Country = country,
        };

    public static GatewayPaymentLookup Lookup(string? providerReference) => new(PaymentId, providerReference, Money.Of(1050, "SEK"));

    /// <summary>Creates a payment request and answers its Tink id.</summary>
    public async Task<string> CreateAsync()
    {
        var outcome = await Gateway.CreatePaymentAsync(Request(), CancellationToken.None);
        return outcome.ProviderReference!;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Fake.DisposeAsync();
    }
}
