using System.Collections.Concurrent;
using System.Net;
using System.Text;
using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Gateways.ContractTests.Swish;
using CleanPrepay.Infrastructure.Gateways;
using CleanPrepay.WebApi.IntegrationTests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.WebApi.IntegrationTests;

/// <summary>Every call that leaves the API for a provider, answered here with a fixed status instead of reaching one.</summary>
public sealed class ProviderCalls
{
    public ConcurrentQueue<string> Requests { get; } = new();

    public HttpStatusCode Answer { get; set; } = HttpStatusCode.ServiceUnavailable;

    public int Count => Requests.Count;

    /// <summary>Below Polly in every named client: what the breaker sees is what this answers.</summary>
    public void AddTo(IServiceCollection services) =>
        services.ConfigureAll<HttpClientFactoryOptions>(options =>
            options.HttpMessageHandlerBuilderActions.Add(builder => builder.AdditionalHandlers.Add(new Handler(this))));

    private sealed class Handler(ProviderCalls calls) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            calls.Requests.Enqueue($"{request.Method} {request.RequestUri}");
            return Task.FromResult(new HttpResponseMessage(calls.Answer) { Content = new StringContent("{}", Encoding.UTF8, "application/json") });
        }
    }
}

/// <summary>The API with Mollie, SecurionPay, Swish and PayPal configured, none of them reachable: every outbound call is counted.</summary>
public abstract class ProbeApiFixture : IAsyncLifetime
{
    public ApiFixture Api { get; private set; } = null!;

    public ProviderCalls Calls { get; } = new();

    protected abstract ApiFixture CreateApi();

    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }

    public async Task InitializeAsync()
    {
        Api = CreateApi();
        var certificates = SwishCertificatesForTests.Shared;
        var settings = new Dictionary<string, string?>
        {
            ["Gateways:Mollie:ApiKey"] = "test_probe_key_0123456789abcdefghijklmnop",
            ["Gateways:Mollie:BaseUrl"] = "https://mollie.provider.test",
            ["Gateways:SecurionPay:SecretKey"] = "sk_test_probe_0123456789",
            ["Gateways:SecurionPay:BaseUrl"] = "https://securionpay.provider.test",
            ["Gateways:Swish:PayeeAlias"] = "1231181189",
            ["Gateways:Swish:CertificateBase64"] = Convert.ToBase64String(
                SwishCertificatesForTests.Pkcs12(certificates.Client, certificates.Ca, SwishCertificatesForTests.Password)),
            ["Gateways:Swish:CertificatePassword"] = SwishCertificatesForTests.Password,
            ["Gateways:Swish:BaseUrl"] = "https://swish.provider.test",
            ["Gateways:PayPal:ClientId"] = "probe-client",
            ["Gateways:PayPal:ClientSecret"] = "probe-secret",
            ["Gateways:PayPal:WebhookId"] = "WH-PROBE-1",
            ["Gateways:PayPal:BaseUrl"] = "https://paypal.provider.test",
        };
        foreach (var gateway in new[] { "Mollie", "SecurionPay", "Swish", "PayPal" })
        {
            settings[$"Gateways:{gateway}:RetryDelay"] = "00:00:00.001";
            settings[$"Gateways:{gateway}:MaxRetries"] = "1";
        }

        Configure(settings);
        foreach (var (key, value) in settings)
        {
            Api.Settings[key] = value;
        }

        Api.ExtraServices.Add(Calls.AddTo);
        await Api.InitializeAsync();
    }

    public Task DisposeAsync() => Api.DisposeAsync();

    /// <summary>A payment of ours at the gateway, known by the provider's id (or with none yet: its creation lost its answer).</summary>
    public Task<string> PaymentAsync(string gateway, string? providerReference, PaymentStatus status = PaymentStatus.RequiresAction) =>
        Api.WithDbAsync(async db =>
        {
            var now = Api.Clock.GetUtcNow();
            var payment = Payment.Start("cus_probe", gateway, Money.Of(1000, "EUR"), PaymentPurpose.TopUp, "top_probe", now);
            payment.Apply(new GatewayOutcome(status, providerReference), now);
            db.Payments.Add(payment);
            await db.SaveChangesAsync();
            return payment.Id;
        });

    public Task SettleAsync(string paymentId) =>
        Api.WithDbAsync(async db =>
        {
            var payment = await db.Payments.SingleAsync(p => p.Id == paymentId);
            payment.Apply(new GatewayOutcome(PaymentStatus.Failed, "settled_by_test"), Api.Clock.GetUtcNow());
            return await db.SaveChangesAsync();
        });

    public static HttpRequestMessage Webhook(string gateway, string body, string mediaType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/webhooks/{gateway}") { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        if (gateway == "paypal")
        {
            request.Headers.TryAddWithoutValidation("PAYPAL-AUTH-ALGO", "SHA256withRSA");
            request.Headers.TryAddWithoutValidation("PAYPAL-CERT-URL", "https://api-m.paypal.com/v1/notifications/certs/CERT-1");
            request.Headers.TryAddWithoutValidation("PAYPAL-TRANSMISSION-ID", Guid.NewGuid().ToString());
            request.Headers.TryAddWithoutValidation("PAYPAL-TRANSMISSION-SIG", "c2lnbmF0dXJl");
            request.Headers.TryAddWithoutValidation("PAYPAL-TRANSMISSION-TIME", "2026-12-06T12:00:00Z");
        }

        return request;
    }

    public static string Mollie(string id) => $"id={id}";

    public static string SecurionPay(string chargeId) =>
        $$$"""{"id":"evt_{{{Guid.NewGuid():N}}}","type":"CHARGE_SUCCEEDED","data":{"id":"{{{chargeId}}}","objectType":"charge"}}""";

    public static string Swish(string instructionId) => $$"""{"id":"{{instructionId}}","status":"PAID","amount":100.00,"currency":"SEK"}""";

    public static string PayPal(string orderId) =>
        $$$"""{"id":"WH-{{{Guid.NewGuid():N}}}","event_type":"CHECKOUT.ORDER.APPROVED","resource_type":"checkout-order","resource":{"id":"{{{orderId}}}","status":"APPROVED"}}""";

    public async Task<ApiResponse> PostAsync(HttpRequestMessage request)
    {
        using (request)
        {
            return await ApiClientExtensions.ReadAsync(await Api.CreateClient().SendAsync(request));
        }
    }
}

public sealed class SqliteProbeFixture : ProbeApiFixture
{
    protected override ApiFixture CreateApi() => new SqliteApiFixture();
}

public sealed class PostgresProbeFixture : ProbeApiFixture
{
    protected override ApiFixture CreateApi() => new PostgresApiFixture();
}

/// <summary>
/// Anonymous notifications for the providers we verify by asking them (Mollie, SecurionPay, Swish,
/// PayPal): one naming nothing of ours costs no outbound call, however it is dressed up.
/// </summary>
public abstract class ProviderProbeTests(ProbeApiFixture fixture)
{
    public static TheoryData<string, string> Unknown => new()
    {
        { "mollie", ProbeApiFixture.Mollie("tr_NeverIssued42") },
        { "securionpay", ProbeApiFixture.SecurionPay("char_NeverIssued42") },
        { "swish", ProbeApiFixture.Swish("0123456789ABCDEF0123456789ABCDEF") },
        { "paypal", ProbeApiFixture.PayPal("5O190127TN364715T") },
    };

    [Theory]
    [MemberData(nameof(Unknown))]
    public async Task A_notification_naming_an_id_we_never_issued_is_acknowledged_without_a_provider_call(string gateway, string body)
    {
        var before = fixture.Calls.Count;

        var responses = new List<ApiResponse>();
        for (var i = 0; i < 5; i++)
        {
            responses.Add(await fixture.PostAsync(ProbeApiFixture.Webhook(gateway, body, gateway == "mollie" ? "application/x-www-form-urlencoded" : "application/json")));
        }

        Assert.All(responses, r => Assert.Equal((HttpStatusCode.OK, 0, 0), (r.Status, r.Json["received"]!.GetValue<int>(), r.Json["applied"]!.GetValue<int>())));
        Assert.Equal(before, fixture.Calls.Count);
        Assert.Equal(0, await fixture.Api.WithDbAsync(db => db.GatewayWebhookEvents.CountAsync(e => e.Gateway == gateway)));
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "mollie", "id=not-a-payment" },
        { "securionpay", "[1,2,3]" },
        { "swish", """{"id":"short"}""" },
        { "paypal", "not json" },
        { "paypal", """{"resource":{"supplementary_data":[1],"purchase_units":{"x":1}}}""" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_body_that_is_not_the_provider_s_notification_is_refused_without_a_provider_call(string gateway, string body)
    {
        var before = fixture.Calls.Count;

        var response = await fixture.PostAsync(ProbeApiFixture.Webhook(gateway, body));

        if (body.StartsWith("""{"resource""", StringComparison.Ordinal))
        {
            // Valid JSON that names nothing: like an unknown id, acknowledged.
            Assert.Equal(HttpStatusCode.OK, response.Status);
        }
        else
        {
            Assert.Equal((HttpStatusCode.BadRequest, "webhook_unverified"), (response.Status, response.Code));
        }

        Assert.Equal(before, fixture.Calls.Count);
    }

    [Fact]
    public async Task A_notification_naming_our_payment_is_checked_with_the_provider()
    {
        var reference = $"tr_Known{Guid.NewGuid():N}"[..20];
        await fixture.PaymentAsync("mollie", reference);
        var before = fixture.Calls.Count;

        var response = await fixture.PostAsync(ProbeApiFixture.Webhook("mollie", ProbeApiFixture.Mollie(reference), "application/x-www-form-urlencoded"));

        // The canary: the counter does see calls, and an unreachable provider is a 503 the provider retries.
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "gateway_unavailable"), (response.Status, response.Code));
        Assert.Contains(fixture.Calls.Requests.Skip(before), r => r.Contains($"/v2/payments/{reference}", StringComparison.Ordinal));
    }
}

public sealed class SqliteProviderProbeTests(SqliteProbeFixture fixture) : ProviderProbeTests(fixture), IClassFixture<SqliteProbeFixture>;

public sealed class PostgresProviderProbeTests(PostgresProbeFixture fixture) : ProviderProbeTests(fixture), IClassFixture<PostgresProbeFixture>;

/// <summary>Forged notifications cannot cut a provider off: their failed look-ups are invisible to its circuit breaker.</summary>
public sealed class WebhookBreakerTests(SqliteProbeFixture fixture) : IClassFixture<SqliteProbeFixture>
{
    [Fact]
    public async Task Failed_webhook_look_ups_leave_the_circuit_closed_while_our_own_failed_calls_open_it()
    {
        var circuits = fixture.Api.Services.GetRequiredService<GatewayCircuits>();
        var reference = "tr_BreakerKnown1";
        var paymentId = await fixture.PaymentAsync("mollie", reference);

        for (var i = 0; i < 30; i++)
        {
            var response = await fixture.PostAsync(ProbeApiFixture.Webhook("mollie", ProbeApiFixture.Mollie(reference), "application/x-www-form-urlencoded"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.Status);
        }

        Assert.True(fixture.Calls.Count >= 30);
        Assert.False(circuits.IsOpen("mollie"));

        // The canary: the same failures from our own calls (a sync) do open it.
        var mollie = fixture.Api.Services.GetRequiredService<IPaymentGatewayRegistry>().Find("mollie")!;
        for (var i = 0; i < 30 && !circuits.IsOpen("mollie"); i++)
        {
            await Assert.ThrowsAsync<GatewayException>(() =>
                mollie.SyncAsync(new GatewayPaymentLookup(paymentId, reference, Money.Of(1000, "EUR")), CancellationToken.None));
        }

        Assert.True(circuits.IsOpen("mollie"));

        // Open, a look-up waits like any call: 503, and nothing is sent.
        var before = fixture.Calls.Count;
        var whileOpen = await fixture.PostAsync(ProbeApiFixture.Webhook("mollie", ProbeApiFixture.Mollie(reference), "application/x-www-form-urlencoded"));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "gateway_unavailable"), (whileOpen.Status, whileOpen.Code));
        Assert.Equal(before, fixture.Calls.Count);
    }

    [Fact]
    public async Task While_a_payment_awaits_the_provider_s_id_an_unknown_id_is_looked_up()
    {
        // Our creation call lost its answer: the provider's id reaches us only through its notification.
        var paymentId = await fixture.PaymentAsync("securionpay", providerReference: null, PaymentStatus.Pending);
        var before = fixture.Calls.Count;

        var response = await fixture.PostAsync(ProbeApiFixture.Webhook("securionpay", ProbeApiFixture.SecurionPay("char_Unmatched1")));
        await fixture.SettleAsync(paymentId);
        var after = await fixture.PostAsync(ProbeApiFixture.Webhook("securionpay", ProbeApiFixture.SecurionPay("char_Unmatched1")));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.Status);
        Assert.True(fixture.Calls.Count > before);
        var settled = fixture.Calls.Count;
        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.Equal(settled, fixture.Calls.Count);
    }
}

/// <summary>A small limit per client address on everything anonymous; health probes and signed-in callers are not limited.</summary>
public sealed class RateLimitFixture : ProbeApiFixture
{
    protected override ApiFixture CreateApi() => new SqliteApiFixture();

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["RateLimiting:Anonymous:PermitLimit"] = "3";
        settings["RateLimiting:Anonymous:Window"] = "01:00:00";
        settings["RateLimiting:Webhooks:PermitLimit"] = "5";
        settings["RateLimiting:Webhooks:Window"] = "01:00:00";
    }

    /// <summary>A request as if from <paramref name="address"/> (the test server has no sockets).</summary>
    public async Task<(int Status, string? RetryAfter, string Body, string? ContentType)> FromAsync(
        string address, string method, string path, string? body = null, string? token = null)
    {
        var context = await Api.Server.SendAsync(http =>
        {
            http.Connection.RemoteIpAddress = IPAddress.Parse(address);
            http.Request.Method = method;
            http.Request.Path = path;
            if (token is not null)
            {
                http.Request.Headers.Authorization = $"Bearer {token}";
            }

            if (body is not null)
            {
                var bytes = Encoding.UTF8.GetBytes(body);
                http.Request.ContentType = "application/x-www-form-urlencoded";
                http.Request.ContentLength = bytes.Length;
                http.Request.Body = new MemoryStream(bytes);
            }
        });
        using var reader = new StreamReader(context.Response.Body);
        return (context.Response.StatusCode, context.Response.Headers.RetryAfter.ToString() is { Length: > 0 } r ? r : null, await reader.ReadToEndAsync(), context.Response.ContentType);
    }
}

public sealed class RateLimitTests(RateLimitFixture fixture) : IClassFixture<RateLimitFixture>
{
    [Fact]
    public async Task Anonymous_routes_answer_429_rate_limited_per_address_after_the_limit()
    {
        var statuses = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await fixture.FromAsync("203.0.113.7", "GET", "/v1/plans")).Status);
        }

        var refused = await fixture.FromAsync("203.0.113.7", "GET", "/v1/videos");
        var unmatched = await fixture.FromAsync("203.0.113.7", "GET", "/v1/nothing-here");
        var neighbour = await fixture.FromAsync("203.0.113.8", "GET", "/v1/plans");
        var health = await fixture.FromAsync("203.0.113.7", "GET", "/health/live");
        var signedIn = await fixture.FromAsync("203.0.113.7", "GET", "/v1/plans", token: AdminToken());

        Assert.Equal([200, 200, 200, 429], statuses);
        Assert.Equal(429, refused.Status);
        Assert.Equal("application/problem+json", refused.ContentType);
        Assert.Contains("\"code\":\"rate_limited\"", refused.Body, StringComparison.Ordinal);
        Assert.True(int.Parse(refused.RetryAfter!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal(429, unmatched.Status);
        Assert.Equal((200, 200, 200), (neighbour.Status, health.Status, signedIn.Status));
    }

    [Fact]
    public async Task Webhooks_have_their_own_window_and_a_refused_one_reaches_no_provider()
    {
        var before = fixture.Calls.Count;
        var statuses = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await fixture.FromAsync("198.51.100.20", "POST", "/v1/webhooks/mollie", "id=tr_RateLimited1")).Status);
        }

        var catalogue = await fixture.FromAsync("198.51.100.20", "GET", "/v1/plans");

        Assert.Equal([200, 200, 200, 200, 200, 429], statuses);
        Assert.Equal(200, catalogue.Status);
        Assert.Equal(before, fixture.Calls.Count);
    }

    private string AdminToken() =>
        fixture.Api.Services.GetRequiredService<CleanPrepay.WebApi.Auth.TokenIssuer>().Issue(CleanPrepay.WebApi.Auth.Roles.Admin, "ops@platform.test");
}
