using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Gateways.ContractTests.Support;
using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Gateways.ContractTests.Mollie;

/// <summary>A fake Mollie and the adapter wired to it as the API wires it, with short retry delays.</summary>
public sealed class MollieFixture : IAsyncDisposable
{
    public const string ReturnUrl = "https://shop.example/payments/pay_1/return";

    private MollieFixture(FakeMollie fake, GatewayHost host)
    {
        Fake = fake;
        Host = host;
    }

    public FakeMollie Fake { get; }

    public GatewayHost Host { get; }

    public IPaymentGateway Gateway => Host.Gateway("mollie");

    /// <summary>One attempt may last 300 ms, all attempts 3 s: what the timeout tests run with.</summary>
    public static Dictionary<string, string?> ShortTimeouts { get; } = new()
    {
        ["Gateways:Mollie:AttemptTimeout"] = "00:00:00.300",
        ["Gateways:Mollie:TotalTimeout"] = "00:00:03",
    };

    public static async Task<MollieFixture> StartAsync(string apiKey = FakeMollie.ApiKey, IDictionary<string, string?>? settings = null)
    {
        var fake = await FakeMollie.StartAsync();
        var all = new Dictionary<string, string?>
        {
            ["Gateways:Mollie:ApiKey"] = apiKey,
            ["Gateways:Mollie:BaseUrl"] = fake.Server.BaseUrl.ToString(),
            // Generous by default (two shared cores, a Kestrel per test); the timeout tests set 300 ms.
            ["Gateways:Mollie:AttemptTimeout"] = "00:00:05",
            ["Gateways:Mollie:TotalTimeout"] = "00:00:15",
            ["Gateways:Mollie:RetryDelay"] = "00:00:00.010",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new MollieFixture(fake, new GatewayHost(all));
    }

    public static GatewayPaymentRequest Request(long minorUnits = 1000, string currency = "EUR", string? method = null) =>
        new("pay_1", Money.Of(minorUnits, currency), method, "idem-create-1", "cus_1", "Top-up 10.00")
        {
            ReturnUrl = ReturnUrl,
            NotificationUrl = "https://pay.example/v1/webhooks/mollie",
        };

    /// <summary>Creates a payment at the fake and moves it to a status.</summary>
    public async Task<string> PaymentInAsync(string status, bool capture = true)
    {
        var created = await Gateway.CreatePaymentAsync(Request() with { Capture = capture }, CancellationToken.None);
        Fake.SetStatus(created.ProviderReference!, status);
        return created.ProviderReference!;
    }

    /// <summary>
    /// HTTP attempts that left the client with this method: the innermost handler (below Polly) logs one
    /// line per attempt, also for an attempt that timed out before the fake recorded it.
    /// </summary>
    public int Attempts(string method) =>
        Host.LogLines.Count(l => l.Contains(".ClientHandler:", StringComparison.Ordinal) && l.Contains($"Sending HTTP request {method} ", StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Fake.DisposeAsync();
    }
}
