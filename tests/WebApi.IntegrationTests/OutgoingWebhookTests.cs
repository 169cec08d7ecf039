using System.Net;
using CleanPrepay.Application.Webhooks;
using CleanPrepay.Domain.Webhooks;
using CleanPrepay.Infrastructure.Webhooks;
using CleanPrepay.WebApi.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using static CleanPrepay.WebApi.IntegrationTests.Support.CatalogHelpers;

namespace CleanPrepay.WebApi.IntegrationTests;

/// <summary>An API that may send to loopback receivers (Webhooks:AllowPrivateNetworks), as in Development.</summary>
public sealed class SqliteWebhookFixture : SqliteApiFixture
{
    public SqliteWebhookFixture() => Settings["Webhooks:AllowPrivateNetworks"] = "true";
}

public sealed class PostgresWebhookFixture : PostgresApiFixture
{
    public PostgresWebhookFixture() => Settings["Webhooks:AllowPrivateNetworks"] = "true";
}

/// <summary>A real receiver on loopback per test, and the endpoints the test made, deleted after it.</summary>
public abstract class WebhookTestBase(ApiFixture api) : IAsyncLifetime
{
    protected ApiFixture Api => api;

    protected static readonly TimeSpan Soon = TimeSpan.FromSeconds(5);

    protected readonly HttpClient _admin = api.Admin();
    protected readonly Given _given = new(api);
    private readonly List<string> _endpoints = [];
    protected WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    /// <summary>The class's tests share one API: each takes its endpoints away, so the next sees only its own deliveries.</summary>
    public async Task DisposeAsync()
    {
        foreach (var id in _endpoints)
        {
            await _admin.SendJsonAsync(HttpMethod.Delete, $"/v1/webhook-endpoints/{id}");
        }

        await _receiver.DisposeAsync();
    }

    protected async Task<WebhookEndpointDto> EndpointAsync(params string[] events)
    {
        var created = await _admin.PostJsonAsync("/v1/webhook-endpoints", new { url = _receiver.Url, events, description = "test receiver" });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var endpoint = created.As<WebhookEndpointDto>();
        _endpoints.Add(endpoint.Id);
        return endpoint;
    }

    protected async Task<string> PaidOrderAsync()
    {
        var video = await _admin.CreateVideoAsync(rent: 399);
        var customer = await _given.CustomerAsync(eur: 1000);
        var order = await customer.Client.OrderAsync(customer.Id, [Rent(video)], key: Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, order.Status);
        return order.Json["id"]!.GetValue<string>();
    }

    protected async Task<WebhookEndpointDto> ReadEndpointAsync(string id)
    {
        var read = await _admin.GetJsonAsync($"/v1/webhook-endpoints/{id}");
        Assert.Equal(HttpStatusCode.OK, read.Status);
        return read.As<WebhookEndpointDto>();
    }

    protected async Task<IReadOnlyList<WebhookDeliveryDto>> DeliveriesAsync(string endpointId)
    {
        var log = await _admin.GetJsonAsync($"/v1/webhook-endpoints/{endpointId}/deliveries?limit=100");
        Assert.Equal(HttpStatusCode.OK, log.Status);
        return log.Items<WebhookDeliveryDto>();
    }

    protected static async Task WaitAsync(Func<Task<bool>> done, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Waited 10 s for {what}.");
            await Task.Delay(100);
        }
    }

    /// <summary>Turns Webhooks:AllowPrivateNetworks off in the running API until disposed (the options are read per check).</summary>
    protected sealed class StrictGuardScope : IDisposable
    {
        private readonly WebhookOptions _options;

        public StrictGuardScope(ApiFixture api)
        {
            _options = api.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WebhookOptions>>().Value;
            _options.AllowPrivateNetworks = false;
        }

        public void Dispose() => _options.AllowPrivateNetworks = true;
    }
}

/// <summary>Outgoing webhooks end to end (issue 17, ADR 0045): a real receiver on loopback, real signatures.</summary>
public abstract class OutgoingWebhookTests(ApiFixture api) : WebhookTestBase(api)
{
    [Fact]
    public async Task An_order_paid_reaches_the_receiver_within_5_s_signed_so_Standard_Webhooks_verifies_it()
    {
        var endpoint = await EndpointAsync("order.paid");
        Assert.StartsWith("whsec_", endpoint.Secret);

        var orderId = await PaidOrderAsync();
        var paidAt = DateTimeOffset.UtcNow;

        var got = (await _receiver.WaitForAsync(r => r.Any(w => w.DataId == orderId), Soon, "order.paid")).Single(w => w.DataId == orderId);
        Assert.True(got.At - paidAt < Soon, $"Delivered {(got.At - paidAt).TotalMilliseconds:0} ms after the payment.");
        Assert.Equal("order.paid", got.Type);
        Assert.StartsWith("msg_", got.Id);
        Assert.StartsWith("evt_", got.Json["id"]!.GetValue<string>());
        Assert.Equal(399, got.Json["data"]!["total"]!["amount"]!.GetValue<long>());
        new StandardWebhook(endpoint.Secret!).Verify(got.Body, got.Headers); // throws unless the signature holds

        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(endpoint.Secret!).Verify(got.Body.Replace("399", "1"), got.Headers));
        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(WebhookEndpoint.NewSecret()).Verify(got.Body, got.Headers));
        Assert.DoesNotContain(_receiver.Received, w => w.Type != "order.paid"); // the filter holds
    }

    [Fact]
    public async Task The_events_of_one_order_come_from_one_outbox_row_each_with_its_own_id_in_raise_order()
    {
        await EndpointAsync("order.paid", "access.granted");
        var orderId = await PaidOrderAsync();

        var seen = await _receiver.WaitForAsync(r => r.Count(w => w.Body.Contains(orderId, StringComparison.Ordinal)) >= 2, Soon, "order.paid and access.granted");
        var mine = seen.Where(w => w.Body.Contains(orderId, StringComparison.Ordinal)).ToList();
        Assert.Equal(["access.granted", "order.paid"], mine.Select(w => w.Type).Order(StringComparer.Ordinal));
        var ids = mine.Select(w => w.Json["id"]!.GetValue<string>()).ToList();
        Assert.Equal(2, ids.Distinct().Count());
        Assert.Single(ids.Select(id => id[..id.LastIndexOf('_')]).Distinct()); // evt_…_n: one row, two events
        Assert.Equal(2, mine.Select(w => w.Id).Distinct().Count()); // and two deliveries
    }

    [Fact]
    public async Task The_signature_matches_the_specifications_published_example()
    {
        // Standard Webhooks' test vector: secret, id, timestamp and body give exactly this signature.
        var signature = new StandardWebhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
            .Sign("msg_p5jXN8AQM9LWM0D4loKWxJek", DateTimeOffset.FromUnixTimeSeconds(1614265330), "{\"test\": 2432232314}");

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Fact]
    public async Task A_subscriptions_canceled_event_waits_for_its_created_event_that_is_being_retried()
    {
        await EndpointAsync("subscription.created", "subscription.canceled");
        _receiver.Answer = (_, w) => w.Type == "subscription.created" && _receiver.Received.Count(r => r.Type == "subscription.created") == 0 ? 503 : 200;
        var plan = await _admin.CreatePlanAsync(price: 500);
        var customer = await _given.CustomerAsync(eur: 5000);
        var started = await customer.Client.PostJsonAsync(
            "/v1/subscriptions", new { customerId = customer.Id, planId = plan, payment = new { method = "wallet" } }, Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, started.Status);
        var subscriptionId = started.Json["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await _admin.PostJsonAsync($"/v1/subscriptions/{subscriptionId}/cancel", new { atPeriodEnd = false })).Status);

        await _receiver.WaitForAsync(r => r.Count >= 1, Soon, "the first, refused, subscription.created");
        await Task.Delay(1500); // time enough for the dispatcher to send the canceled event, were it not held back
        Assert.DoesNotContain(_receiver.Received, r => r.Type == "subscription.canceled");

        Api.Clock.Advance(TimeSpan.FromSeconds(5));
        var seen = await _receiver.WaitForAsync(r => r.Any(w => w.Type == "subscription.canceled"), Soon, "subscription.canceled");
        Assert.Equal(["subscription.created:503", "subscription.created:200", "subscription.canceled:200"], seen.Select(r => $"{r.Type}:{r.Answered}"));
        Assert.All(seen, r => Assert.Equal(subscriptionId, r.DataId));
    }

    [Fact]
    public async Task Changes_that_roll_back_emit_nothing()
    {
        await EndpointAsync("customer.created", "order.paid", "payment.succeeded", "wallet.transaction.created");
        var email = $"race{Guid.NewGuid():N}@example.test";

        // Forty registrations of one email at once: one commits, the rest roll back (the unique index or its pre-check).
        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ =>
            _admin.PostJsonAsync("/v1/customers", new { email, name = "Racer", language = "en", country = "SE" })));
        Assert.Single(answers, a => a.Status == HttpStatusCode.Created);
        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{(int)a.Status} {a.Code}"));

        // An order the wallet cannot pay is refused and rolled back: no order.paid, no ledger line.
        var poor = await _given.CustomerAsync();
        var video = await _admin.CreateVideoAsync(rent: 399);
        var refused = await poor.Client.OrderAsync(poor.Id, [Rent(video)], key: Guid.NewGuid().ToString());
        Assert.Equal("insufficient_balance", refused.Code);

        // A later committed change is delivered after them (the fan-out keeps event order); by then nothing else came.
        var marker = (await _given.CustomerAsync()).Id;
        var seen = await _receiver.WaitForAsync(r => r.Any(w => w.DataId == marker), Soon, "the marker customer");
        Assert.Single(seen, w => w.Type == "customer.created" && w.Json["data"]!["email"]!.GetValue<string>() == email);
        Assert.DoesNotContain(seen, w => w.Type != "customer.created" && w.Body.Contains(poor.Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stored_url_that_is_not_https_is_refused_at_send_time_once_private_networks_are_off()
    {
        // Saved while private networks were allowed: the sender checks again before every attempt.
        var endpoint = await EndpointAsync("customer.created");
        using (new StrictGuardScope(Api))
        {
            await _given.CustomerAsync();
            await WaitAsync(async () => (await DeliveriesAsync(endpoint.Id)).Any(d => d.Attempts > 0), "an attempt");
        }

        var attempt = (await DeliveriesAsync(endpoint.Id)).Single(d => d.Attempts > 0);
        Assert.Empty(_receiver.Received);
        Assert.Equal("Refused: the endpoint is not https.", attempt.LastError);
        Assert.Equal(WebhookDeliveryStatus.Pending, attempt.Status);
    }

    [Theory]
    [InlineData("https://localhost:{port}/hook")] // a name resolving to loopback
    [InlineData("https://127.0.0.1:{port}/hook")]
    [InlineData("https://[::1]:{port}/hook")]
    [InlineData("https://10.0.0.7/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[::ffff:192.168.1.1]/hook")]
    public async Task The_sender_connects_to_no_private_address_whatever_the_url_says(string template)
    {
        // The connection itself is checked against what the name resolves to now: nothing leaves for a private address.
        var port = new Uri(_receiver.Url).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var client = Api.Services.GetRequiredService<IHttpClientFactory>().CreateClient(WebhookDispatcher.HttpClientName);
        using (new StrictGuardScope(Api))
        {
            var sent = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync(template.Replace("{port}", port, StringComparison.Ordinal), new StringContent("{}")));
            Assert.IsType<WebhookTargetRefusedException>(sent.InnerException);
        }

        Assert.Empty(_receiver.Received);
    }

    [Fact]
    public async Task Endpoints_are_staff_only_validated_and_never_show_their_secret_again()
    {
        var customer = await _given.CustomerAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.Client.PostJsonAsync("/v1/webhook-endpoints", new { url = _receiver.Url, events = new[] { "*" } })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.Client.GetJsonAsync("/v1/webhook-endpoints")).Status);

        foreach (var (body, field) in new (object Body, string Field)[]
                 {
                     (new { url = _receiver.Url, events = new[] { "order.shipped" } }, "events"),
                     (new { url = _receiver.Url, events = Array.Empty<string>() }, "events"),
                     (new { url = "not a url", events = new[] { "*" } }, "url"),
                     (new { url = "ftp://example.com/x", events = new[] { "*" } }, "url"),
                     (new { url = "https://user:pw@example.com/x", events = new[] { "*" } }, "url"),
                 })
        {
            var refused = await _admin.PostJsonAsync("/v1/webhook-endpoints", body);
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
            Assert.Equal("validation_failed", refused.Code);
            Assert.Contains(field, refused.Json["errors"]!.ToJsonString(), StringComparison.Ordinal);
        }

        var endpoint = await EndpointAsync("*");
        var listed = (await _admin.GetJsonAsync("/v1/webhook-endpoints?limit=100")).Items<WebhookEndpointDto>().Single(e => e.Id == endpoint.Id);
        Assert.Null(listed.Secret);
        Assert.Equal(["*"], listed.Events);
        var patched = await _admin.SendJsonAsync(HttpMethod.Patch, $"/v1/webhook-endpoints/{endpoint.Id}", new { events = new[] { "order.paid", "order.refunded" }, description = "orders" });
        Assert.Equal(["order.paid", "order.refunded"], patched.As<WebhookEndpointDto>().Events);
        Assert.Null(patched.As<WebhookEndpointDto>().Secret);

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.SendJsonAsync(HttpMethod.Delete, $"/v1/webhook-endpoints/{endpoint.Id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetJsonAsync($"/v1/webhook-endpoints/{endpoint.Id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetJsonAsync($"/v1/webhook-endpoints/{endpoint.Id}/deliveries")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.PostJsonAsync("/v1/webhook-deliveries/msg_nope/retry", null)).Status);
    }
}

/// <summary>The retry schedule, rotation and disabling, on a clock the tests move forward (a fixture of its own).</summary>
public abstract class WebhookScheduleTests(ApiFixture api) : WebhookTestBase(api)
{
    [Fact]
    public async Task A_receiver_failing_twice_gets_the_same_webhook_id_three_times_and_a_manual_retry_signs_anew()
    {
        var endpoint = await EndpointAsync("order.paid");
        _receiver.Answer = (n, _) => n <= 2 ? 500 : 200;
        var orderId = await PaidOrderAsync();

        // Each time, the clock moves only once the dispatcher has recorded the attempt (and so scheduled the next).
        await _receiver.WaitForAsync(r => r.Count >= 1, Soon, "the first attempt");
        await WaitAsync(async () => (await DeliveriesAsync(endpoint.Id)).Single().Attempts == 1, "the first attempt in the log");
        Api.Clock.Advance(TimeSpan.FromSeconds(5)); // the first wait of the schedule
        await _receiver.WaitForAsync(r => r.Count >= 2, Soon, "the second attempt");
        await WaitAsync(async () => (await DeliveriesAsync(endpoint.Id)).Single().Attempts == 2, "the second attempt in the log");
        Api.Clock.Advance(TimeSpan.FromMinutes(5)); // the second
        var three = await _receiver.WaitForAsync(r => r.Count >= 3, Soon, "the third attempt");

        Assert.Equal([500, 500, 200], three.Select(r => r.Answered));
        Assert.Single(three.Select(r => r.Id).Distinct());
        Assert.All(three, r => Assert.Equal(orderId, r.DataId));
        Assert.Equal(3, three.Select(r => r.Timestamp).Distinct().Count());
        // The receiver has answered; the dispatcher records that just after.
        await WaitAsync(async () => (await DeliveriesAsync(endpoint.Id)).Single().Status == WebhookDeliveryStatus.Succeeded, "the success in the log");
        var delivery = Assert.Single(await DeliveriesAsync(endpoint.Id));
        Assert.Equal((three[0].Id, WebhookDeliveryStatus.Succeeded, 3, 200), (delivery.Id, delivery.Status, delivery.Attempts, delivery.ResponseStatus));
        Assert.Null(delivery.NextAttemptAt);

        Api.Clock.Advance(TimeSpan.FromSeconds(2));
        var retried = await _admin.PostJsonAsync($"/v1/webhook-deliveries/{delivery.Id}/retry", null);
        Assert.Equal(HttpStatusCode.OK, retried.Status);
        var four = await _receiver.WaitForAsync(r => r.Count >= 4, Soon, "the manual retry");

        Assert.Equal(delivery.Id, four[3].Id);
        Assert.NotEqual(three[2].Timestamp, four[3].Timestamp);
        Assert.NotEqual(three[2].Signature, four[3].Signature);
        Assert.True(SignedWith(endpoint.Secret!, four[3]));
        await WaitAsync(async () => (await DeliveriesAsync(endpoint.Id)).Single().Attempts == 4, "the fourth attempt in the log");
    }

    [Fact]
    public async Task After_a_rotation_both_secrets_verify_for_24_hours_then_only_the_new_one()
    {
        var endpoint = await EndpointAsync("customer.created");
        var rotated = await _admin.PostJsonAsync($"/v1/webhook-endpoints/{endpoint.Id}/rotate-secret", null);
        Assert.Equal(HttpStatusCode.OK, rotated.Status);
        var newSecret = rotated.As<WebhookEndpointDto>().Secret!;
        Assert.NotEqual(endpoint.Secret, newSecret);
        Assert.Null((await _admin.GetJsonAsync($"/v1/webhook-endpoints/{endpoint.Id}")).As<WebhookEndpointDto>().Secret);

        var first = (await _given.CustomerAsync()).Id;
        var during = (await _receiver.WaitForAsync(r => r.Any(w => w.DataId == first), Soon, "customer.created")).Single(w => w.DataId == first);
        Assert.Equal(2, during.Signature.Split(' ').Length);
        Assert.True(SignedWith(endpoint.Secret!, during));
        Assert.True(SignedWith(newSecret, during));

        Api.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        var second = (await _given.CustomerAsync()).Id;
        var after = (await _receiver.WaitForAsync(r => r.Any(w => w.DataId == second), Soon, "customer.created")).Single(w => w.DataId == second);
        Assert.Single(after.Signature.Split(' '));
        Assert.True(SignedWith(newSecret, after));
        Assert.False(SignedWith(endpoint.Secret!, after));
    }

    [Fact]
    public async Task An_endpoint_failing_for_5_days_is_disabled_and_its_pending_deliveries_fail()
    {
        var endpoint = await EndpointAsync("customer.created");
        _receiver.Answer = (_, _) => 500;
        await _given.CustomerAsync();
        await _receiver.WaitForAsync(r => r.Count >= 1, Soon, "the first failure");
        await WaitAsync(async () => (await ReadEndpointAsync(endpoint.Id)).FailingSince is not null, "the failing streak");

        Api.Clock.Advance(TimeSpan.FromDays(5) + TimeSpan.FromMinutes(1));
        await _given.CustomerAsync();
        await WaitAsync(async () => !(await ReadEndpointAsync(endpoint.Id)).Enabled, "the endpoint to be disabled");

        var disabled = await ReadEndpointAsync(endpoint.Id);
        Assert.NotNull(disabled.DisabledAt);
        await WaitAsync(async () => (await DeliveriesAsync(endpoint.Id)).All(d => d.Status == WebhookDeliveryStatus.Failed), "every delivery to fail");

        // Staff switch it back on: the streak starts again.
        var enabled = await _admin.SendJsonAsync(HttpMethod.Patch, $"/v1/webhook-endpoints/{endpoint.Id}", new { enabled = true });
        Assert.Equal(HttpStatusCode.OK, enabled.Status);
        Assert.Equal((true, null, null), (enabled.As<WebhookEndpointDto>().Enabled, enabled.As<WebhookEndpointDto>().FailingSince, enabled.As<WebhookEndpointDto>().DisabledAt));
    }

    /// <summary>
    /// Standard Webhooks verification of the signature against any of the header's signatures, without the receive-time
    /// window: these tests move the API's clock days ahead. (The StandardWebhooks package's own Verify checks the window
    /// and, in 1.1.2, only the first of several signatures; see ADR 0045.)
    /// </summary>
    private static bool SignedWith(string secret, ReceivedWebhook w) =>
        w.Signature.Split(' ').Contains(new StandardWebhook(secret).Sign(w.Id, DateTimeOffset.FromUnixTimeSeconds(long.Parse(w.Timestamp, System.Globalization.CultureInfo.InvariantCulture)), w.Body));
}

public sealed class SqliteWebhookScheduleTests(SqliteWebhookFixture api) : WebhookScheduleTests(api), IClassFixture<SqliteWebhookFixture>;

public sealed class PostgresWebhookScheduleTests(PostgresWebhookFixture api) : WebhookScheduleTests(api), IClassFixture<PostgresWebhookFixture>;

public sealed class SqliteOutgoingWebhookTests(SqliteWebhookFixture api) : OutgoingWebhookTests(api), IClassFixture<SqliteWebhookFixture>;

public sealed class PostgresOutgoingWebhookTests(PostgresWebhookFixture api) : OutgoingWebhookTests(api), IClassFixture<PostgresWebhookFixture>
{
    [Fact]
    public async Task A_thousand_concurrent_orders_give_a_thousand_order_paid_deliveries_none_twice_with_two_dispatchers()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var admin = api.Admin();
        var created = await admin.PostJsonAsync("/v1/webhook-endpoints", new { url = receiver.Url, events = new[] { "order.paid" } });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        await using var second = new SiblingApiFixture(api);
        second.Settings["Webhooks:AllowPrivateNetworks"] = "true";
        _ = second.Server; // start it: its fan-out and dispatcher run beside this instance's

        var video = await admin.CreateVideoAsync(rent: 100);
        var given = new Given(api);
        var customers = new List<Shopper>();
        for (var i = 0; i < 50; i++)
        {
            customers.Add(await given.CustomerAsync(eur: 2000));
        }

        using var gate = new SemaphoreSlim(25);
        var orders = await Task.WhenAll(Enumerable.Range(0, 1000).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var shopper = customers[i % customers.Count];
                var client = i % 2 == 0 ? shopper.Client : second.Customer(shopper.Id);
                var order = await client.OrderAsync(shopper.Id, [Rent(video)], key: Guid.NewGuid().ToString());
                Assert.Equal(HttpStatusCode.Created, order.Status);
                return order.Json["id"]!.GetValue<string>();
            }
            finally
            {
                gate.Release();
            }
        }));

        var started = DateTime.UtcNow;
        IReadOnlyList<ReceivedWebhook> seen;
        try
        {
            seen = await receiver.WaitForAsync(r => r.Select(w => w.DataId).Distinct().Count() >= 1000, TimeSpan.FromSeconds(60), "1,000 order.paid");
        }
        catch (Exception)
        {
            var logs = string.Join("\n", api.LogLines.Concat(second.LogLines).Where(l => l.Contains("ebhook", StringComparison.Ordinal) || l.Contains("utbox", StringComparison.Ordinal)).TakeLast(30));
            var stats = await api.WithDbAsync(async db => $"deliveries {await db.WebhookDeliveries.CountAsync()}, pending {await db.WebhookDeliveries.CountAsync(d => d.Status == WebhookDeliveryStatus.Pending)}, waiting events {await db.Set<CleanPrepay.Infrastructure.Persistence.Outbox.OutboxMessage>().CountAsync(m => m.Webhook && m.FannedOutAt == null)}");
            throw new Xunit.Sdk.XunitException($"{receiver.Received.Count} received; {stats}\n{logs}");
        }
        await Task.Delay(3000); // a second copy would come now
        seen = receiver.Received.ToList();
        Assert.Equal(orders.Order(StringComparer.Ordinal), seen.Select(w => w.DataId!).Order(StringComparer.Ordinal));
        Assert.Equal(1000, seen.Select(w => w.Id).Distinct().Count());
        var endpointId = created.As<WebhookEndpointDto>().Id;
        Assert.Equal(1000, await api.WithDbAsync(db => db.WebhookDeliveries.CountAsync(d => d.EndpointId == endpointId && d.Status == WebhookDeliveryStatus.Succeeded)));
        await admin.SendJsonAsync(HttpMethod.Delete, $"/v1/webhook-endpoints/{endpointId}");
    }
}

/// <summary>Where an endpoint may point when private networks are not allowed (the default outside Development).</summary>
public abstract class WebhookTargetTests(ApiFixture api)
{
    [Theory]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://localhost/hook")]
    [InlineData("https://10.1.2.3/hook")]
    [InlineData("https://172.16.0.1/hook")]
    [InlineData("https://192.168.0.10/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://[fd00::1]/hook")]
    [InlineData("https://[::ffff:10.0.0.1]/hook")]
    [InlineData("https://100.64.0.1/hook")]
    [InlineData("https://0.0.0.0/hook")]
    [InlineData("http://93.184.215.14/hook")] // public, but not https
    public async Task Private_loopback_link_local_and_plain_http_targets_are_refused(string url)
    {
        var refused = await api.Admin().PostJsonAsync("/v1/webhook-endpoints", new { url, events = new[] { "*" } });

        Assert.Equal((HttpStatusCode.UnprocessableEntity, "url_not_allowed"), (refused.Status, refused.Code));
        Assert.Equal("application/problem+json", refused.ContentType);
    }

    [Fact]
    public async Task A_public_https_address_is_accepted_and_a_patch_to_a_private_one_is_refused()
    {
        var admin = api.Admin();
        var created = await admin.PostJsonAsync("/v1/webhook-endpoints", new { url = "https://93.184.215.14/hook", events = new[] { "order.paid" } });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var id = created.Json["id"]!.GetValue<string>();
        try
        {
            var patched = await admin.SendJsonAsync(HttpMethod.Patch, $"/v1/webhook-endpoints/{id}", new { url = "https://10.0.0.1/hook" });
            Assert.Equal((HttpStatusCode.UnprocessableEntity, "url_not_allowed"), (patched.Status, patched.Code));
            Assert.Equal("https://93.184.215.14/hook", (await admin.GetJsonAsync($"/v1/webhook-endpoints/{id}")).Json["url"]!.GetValue<string>());
        }
        finally
        {
            await admin.SendJsonAsync(HttpMethod.Delete, $"/v1/webhook-endpoints/{id}");
        }
    }

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("2606:4700:4700::1111", true)]
    [InlineData("100.63.255.255", true)]
    [InlineData("127.0.0.2", false)]
    [InlineData("10.255.255.255", false)]
    [InlineData("172.31.0.1", false)]
    [InlineData("169.254.1.1", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fc00::1", false)]
    [InlineData("::", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("64:ff9b::a00:1", false)] // NAT64 of 10.0.0.1
    [InlineData("64:ff9b::808:808", true)] // NAT64 of 8.8.8.8
    [InlineData("2001:db8::1", false)]
    [InlineData("::10.0.0.1", false)] // IPv4-compatible
    [InlineData("2002:a00:1::1", false)] // 6to4 of 10.0.0.1
    [InlineData("2002:808:808::1", true)] // 6to4 of 8.8.8.8
    [InlineData("64:ff9b:1::1", false)]
    public void Addresses_are_public_only_outside_the_reserved_ranges(string address, bool isPublic) =>
        Assert.Equal(isPublic, WebhookTargetGuard.IsPublic(IPAddress.Parse(address)));
}

[Collection("sqlite")]
public sealed class SqliteWebhookTargetTests(SqliteApiFixture api) : WebhookTargetTests(api);

[Collection("postgres")]
public sealed class PostgresWebhookTargetTests(PostgresApiFixture api) : WebhookTargetTests(api);
