using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Domain.Monetary;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Gateways.ContractTests.Stripe;
using CleanPrepay.Gateways.ContractTests.Support;
using CleanPrepay.Infrastructure.Gateways;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CleanPrepay.Gateways.ContractTests.Routing;

/// <summary>Routing by currency and country with fallback, and the circuit breaker routing passes over.</summary>
public sealed class RoutingAndResilienceTests
{
    private sealed class Named(string name, IReadOnlySet<string>? currencies = null, bool needsToken = true, string tokenPrefix = "pm_") : IPaymentGateway
    {
        public string Name => name;

        public GatewayCapabilities Capabilities { get; } = new(currencies, needsToken, Instant: true);

        public bool AcceptsPaymentMethod(string? paymentMethod) =>
            needsToken ? paymentMethod?.StartsWith(tokenPrefix, StringComparison.Ordinal) == true : paymentMethod is null;

        public Task<GatewayOutcome> CreatePaymentAsync(GatewayPaymentRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<GatewayOutcome> CaptureAsync(GatewayPaymentLookup payment, string idempotencyKey, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<GatewayOutcome> SyncAsync(GatewayPaymentLookup payment, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<GatewayOutcome> CancelAsync(GatewayPaymentLookup payment, string idempotencyKey, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<GatewayRefundOutcome> RefundAsync(GatewayRefundRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<WebhookVerification> VerifyWebhookAsync(WebhookRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private sealed class Registry(params IPaymentGateway[] gateways) : IPaymentGatewayRegistry
    {
        public IPaymentGateway? Find(string name) => gateways.FirstOrDefault(g => g.Name == name);

        public IReadOnlyCollection<string> Names => gateways.Select(g => g.Name).ToList();
    }

    private sealed class Monitor(GatewayRoutingOptions value) : IOptionsMonitor<GatewayRoutingOptions>
    {
        public GatewayRoutingOptions CurrentValue => value;

        public GatewayRoutingOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<GatewayRoutingOptions, string?> listener) => null;
    }

    private static readonly GatewayRoutingOptions Routes = new()
    {
        Routes =
        [
            new GatewayRoute { Currency = "SEK", Gateways = ["stripe"] },
            new GatewayRoute { Currency = "SEK", Country = "SE", Gateways = ["swish", "tink", "stripe"] },
            new GatewayRoute { Country = "NL", Gateways = ["mollie"] },
            new GatewayRoute { Currency = "EUR", Gateways = ["securionpay", "stripe"] },
        ],
        Fallback = ["sandbox"],
    };

    private static GatewayRouter Router(GatewayCircuits? circuits = null, params IPaymentGateway[] gateways) =>
        new(new Registry(gateways), circuits ?? new GatewayCircuits(), new Monitor(Routes));

    private static readonly IPaymentGateway[] All =
    [
        new Named("swish", new HashSet<string> { "SEK" }, needsToken: false),
        new Named("tink", new HashSet<string> { "SEK", "EUR" }, needsToken: false),
        new Named("stripe"),
        new Named("mollie", needsToken: false),
        new Named("securionpay", tokenPrefix: "tok_"),
        new Named("sandbox"),
    ];

    [Theory]
    [InlineData("SEK", "SE", null, "swish")] // the most specific rule first: currency and country
    [InlineData("SEK", "SE", "pm_card_visa", "stripe")] // a card token: Swish and Tink take none
    [InlineData("SEK", "NO", "pm_card_visa", "stripe")] // currency-only rule
    [InlineData("SEK", null, null, null)] // Stripe needs a token; the sandbox too: nothing fits
    [InlineData("EUR", "NL", null, "mollie")] // country-only rule
    [InlineData("EUR", "FR", "tok_visa", "securionpay")]
    [InlineData("EUR", "FR", "pm_card_visa", "stripe")] // SecurionPay refuses a Stripe token: next in order
    [InlineData("JPY", "JP", "pm_card_visa", "sandbox")] // no rule: the fallback
    [InlineData("sek", "se", null, "swish")] // codes compare case-insensitively
    public void Routes_by_currency_and_country_in_the_fallback_order(string currency, string? country, string? token, string? expected) =>
        Assert.Equal(expected, Router(null, All).Route(currency, country, token));

    [Fact]
    public void A_configured_fallback_replaces_the_sandbox_default_instead_of_following_it()
    {
        var configured = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Gateways:Routing:Fallback:0"] = "stripe" })
            .Build();
        var options = new GatewayRoutingOptions();
        Microsoft.Extensions.Configuration.ConfigurationBinder.Bind(configured.GetSection(GatewayRoutingOptions.Section), options);

        Assert.Equal(["stripe"], options.EffectiveFallback);
        Assert.Equal(["sandbox"], new GatewayRoutingOptions().EffectiveFallback);
        var router = new GatewayRouter(new Registry(new Named("stripe"), new Named("sandbox")), new GatewayCircuits(), new Monitor(options));
        Assert.Equal("stripe", router.Route("EUR", null, "pm_card_visa"));
    }

    [Fact]
    public void An_unconfigured_gateway_is_passed_over()
    {
        var router = Router(null, All.Where(g => g.Name != "swish").ToArray());

        Assert.Equal("tink", router.Route("SEK", "SE", null));
    }

    [Fact]
    public async Task After_enough_failures_the_circuit_opens_calls_fail_fast_and_routing_falls_back()
    {
        await using var stripe = await FakeStripe.StartAsync();
        var settings = stripe.Settings();
        settings["Gateways:Stripe:BreakerMinimumThroughput"] = "4";
        settings["Gateways:Stripe:MaxRetries"] = "0";
        await using var host = new GatewayHost(settings);
        for (var i = 0; i < 6; i++)
        {
            stripe.Script.Enqueue(FakeResponse.Json(500, """{"error":{"type":"api_error"}}"""));
        }

        var kinds = new List<string?>();
        for (var i = 0; i < 6; i++)
        {
            var ex = await Assert.ThrowsAsync<GatewayException>(() => host.Gateway("stripe").SyncAsync(
                new GatewayPaymentLookup($"pay_{i}", $"pi_{i}", new Money(100, Currency.From("EUR"))), default));
            kinds.Add(ex.ProviderCode);
        }

        Assert.Equal(4, stripe.Server.Requests.Count); // the last two never left the process
        Assert.Equal(["circuit_open", "circuit_open"], kinds.Skip(4));
        var circuits = host.Get<GatewayCircuits>();
        Assert.True(circuits.IsOpen("stripe"));
        var routed = new GatewayRouter(
            new Registry(new Named("stripe"), new Named("sandbox")), circuits,
            new Monitor(new GatewayRoutingOptions { Routes = [new GatewayRoute { Currency = "EUR", Gateways = ["stripe"] }] }));
        Assert.Equal("sandbox", routed.Route("EUR", null, "pm_card_visa"));
    }

    [Fact]
    public void Handlers_rebuilt_by_the_client_factory_share_one_pipeline_and_its_circuit()
    {
        // IHttpClientFactory builds a new handler chain every few minutes; a circuit breaker's state may be attached once only.
        var circuits = new GatewayCircuits();
        var options = new CleanPrepay.Infrastructure.Gateways.Stripe.StripeOptions { SecretKey = "sk_test_x" };
        using var first = new GatewayResilienceHandler("stripe", options, circuits, TimeProvider.System);
        using var second = new GatewayResilienceHandler("stripe", options, circuits, TimeProvider.System);

        Assert.Same(circuits.PipelineFor("stripe", options, TimeProvider.System), circuits.PipelineFor("stripe", options, TimeProvider.System));
        Assert.False(circuits.IsOpen("stripe"));
    }

    [Fact]
    public async Task A_request_without_an_idempotency_key_is_never_retried()
    {
        await using var stripe = await FakeStripe.StartAsync();
        var settings = stripe.Settings();
        // The first request of a cold host may take over the fake's 1 s attempt timeout on a loaded machine (seen in a clean-clone run):
        // this test is about a 503, so a timeout must not stand in for it.
        settings["Gateways:Stripe:AttemptTimeout"] = "00:00:10";
        settings["Gateways:Stripe:TotalTimeout"] = "00:00:20";
        await using var host = new GatewayHost(settings);
        var client = host.Get<IHttpClientFactory>().CreateClient("stripe");
        stripe.Script.Enqueue(FakeResponse.Json(503, "{}"));

        using var post = new HttpRequestMessage(HttpMethod.Post, "v1/payment_intents") { Content = new StringContent("amount=1") };
        using var response = await client.SendAsync(post);

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Single(stripe.Server.Requests);
    }
}
