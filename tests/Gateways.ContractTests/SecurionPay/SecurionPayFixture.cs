using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Gateways.ContractTests.Support;
using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Gateways.ContractTests.SecurionPay;

/// <summary>A fake SecurionPay and the adapter wired to it as the API wires it, with short retry delays.</summary>
public sealed class SecurionPayFixture : IAsyncDisposable
{
    public const string Token = "tok_fAkEcArDtOkEn0123456789";

    private SecurionPayFixture(FakeSecurionPay fake, GatewayHost host)
    {
        Fake = fake;
        Host = host;
    }

    public FakeSecurionPay Fake { get; }

    public GatewayHost Host { get; }

    public IPaymentGateway Gateway => Host.Gateway("securionpay");

    /// <summary>One attempt may last 300 ms, all attempts 3 s: what the timeout tests run with.</summary>
    public static Dictionary<string, string?> ShortTimeouts { get; } = new()
    {
        ["Gateways:SecurionPay:AttemptTimeout"] = "00:00:00.300",
        ["Gateways:SecurionPay:TotalTimeout"] = "00:00:03",
    };

    public static async Task<SecurionPayFixture> StartAsync(string secretKey = FakeSecurionPay.SecretKey, IDictionary<string, string?>? settings = null)
    {
        var fake = await FakeSecurionPay.StartAsync();
        var all = new Dictionary<string, string?>
        {
            ["Gateways:SecurionPay:SecretKey"] = secretKey,
            ["Gateways:SecurionPay:BaseUrl"] = fake.Server.BaseUrl.ToString(),
            // Generous by default (two shared cores, a Kestrel per test); the timeout tests set 300 ms.
            ["Gateways:SecurionPay:AttemptTimeout"] = "00:00:05",
            ["Gateways:SecurionPay:TotalTimeout"] = "00:00:15",
            ["Gateways:SecurionPay:RetryDelay"] = "00:00:00.010",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new SecurionPayFixture(fake, new GatewayHost(all));
    }

    public static GatewayPaymentRequest Request(long minorUnits = 1000, string currency = "EUR", string token = Token, bool capture = true) =>
        new("pay_1", Money.Of(minorUnits, currency), token, "idem-create-1", "cus_1", "Top-up 10.00") { Capture = capture };

    public static GatewayPaymentLookup Lookup(string? reference, long minorUnits = 1000, string currency = "EUR") =>
        new("pay_1", reference, Money.Of(minorUnits, currency));

    /// <summary>Creates a charge at the fake and returns its id.</summary>
    public async Task<string> ChargeAsync(bool capture = true) =>
        (await Gateway.CreatePaymentAsync(Request(capture: capture), CancellationToken.None)).ProviderReference!;

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
