using System.Net;
using System.Text;
using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Application.Common.Exceptions;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Infrastructure.Persistence.Idempotency;
using CleanPrepay.WebApi.Idempotency;
using CleanPrepay.WebApi.IntegrationTests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CleanPrepay.WebApi.IntegrationTests;

/// <summary>What an idempotency key does when the first request died, failed after moving money, or lost a race.</summary>
public abstract class IdempotencyRecoveryTests(ApiFixture api)
{
    private const string AdminScope = "admin:ops@platform.test";

    private readonly HttpClient _admin = api.Admin();

    [Fact]
    public async Task Reordered_properties_under_one_key_replay_the_first_answer()
    {
        var customer = await _admin.CreateCustomerAsync();
        var key = $"order-{Guid.NewGuid()}";
        var url = $"/v1/customers/{customer}/wallet/top-ups";

        var first = await _admin.PostJsonAsync(url, "{\"amount\":{\"amount\":450,\"currency\":\"EUR\"},\"payment\":{\"gateway\":\"sandbox\",\"paymentMethod\":\"pm_card_visa\"}}", key);
        var reordered = await _admin.PostJsonAsync(url, "{\"payment\":{\"paymentMethod\":\"pm_card_visa\",\"gateway\":\"sandbox\"},\"amount\":{\"currency\":\"EUR\",\"amount\":450}}", key);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.Created, reordered.Status);
        Assert.Equal("true", Assert.Single(reordered.Raw.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(450, await _admin.BalanceAsync(customer, "EUR"));
    }

    [Fact]
    public async Task A_key_left_by_a_request_that_died_before_committing_is_taken_over_after_its_hold()
    {
        var customer = await _admin.CreateCustomerAsync();
        var key = $"died-{Guid.NewGuid()}";
        var body = AdjustBody(250);
        var url = $"/v1/customers/{customer}/wallet/adjustments";
        await LeaveKeyAsync(key, url, body, heldFor: TimeSpan.FromSeconds(30), committed: false);

        var whileHeld = await _admin.PostJsonAsync(url, body, key);
        await ExpireHoldAsync(key);
        var afterHold = await _admin.PostJsonAsync(url, body, key);
        var replay = await _admin.PostJsonAsync(url, body, key);

        Assert.Equal("idempotency_request_in_progress", whileHeld.Code);
        Assert.Equal(HttpStatusCode.Created, afterHold.Status);
        Assert.False(afterHold.Raw.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", Assert.Single(replay.Raw.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(250, await _admin.BalanceAsync(customer, "EUR"));
    }

    [Fact]
    public async Task A_key_left_by_a_request_that_died_after_committing_is_never_run_again()
    {
        var customer = await _admin.CreateCustomerAsync();
        var key = $"died-late-{Guid.NewGuid()}";
        var body = AdjustBody(250);
        var url = $"/v1/customers/{customer}/wallet/adjustments";
        await LeaveKeyAsync(key, url, body, heldFor: TimeSpan.FromSeconds(-1), committed: true);

        var retry = await _admin.PostJsonAsync(url, body, key);
        var again = await _admin.PostJsonAsync(url, body, key);

        Assert.Equal(HttpStatusCode.Conflict, retry.Status);
        Assert.Equal("idempotency_request_interrupted", retry.Code);
        Assert.Equal("idempotency_request_interrupted", again.Code);
        Assert.Equal(0, await _admin.BalanceAsync(customer, "EUR"));
    }

    [Fact]
    public async Task A_committed_key_marks_itself_atomically_with_the_change()
    {
        var customer = await _admin.CreateCustomerAsync();
        var key = $"mark-{Guid.NewGuid()}";

        var refused = await _admin.AdjustAsync(customer, "debit", 100, key: key); // refused before commit: nothing committed
        var credited = await _admin.AdjustAsync(customer, "credit", 100, key: $"{key}-2");

        Assert.Equal("insufficient_balance", refused.Code);
        Assert.Equal(HttpStatusCode.Created, credited.Status);
        Assert.False(await RecordAsync(key, r => r.Committed));
        Assert.True(await RecordAsync($"{key}-2", r => r.Committed));
    }

    [Fact]
    public async Task Expired_keys_are_purged_and_live_ones_kept()
    {
        var customer = await _admin.CreateCustomerAsync();
        var live = $"live-{Guid.NewGuid()}";
        await _admin.AdjustAsync(customer, "credit", 100, key: live);
        var stale = $"stale-{Guid.NewGuid()}";
        await api.WithDbAsync(async db =>
        {
            var old = api.Clock.GetUtcNow().AddDays(-2);
            db.Set<IdempotencyRecord>().Add(new IdempotencyRecord
            {
                Scope = AdminScope, Key = stale, RequestHash = "x", CreatedAt = old, ExpiresAt = old.AddHours(24), Completed = true, StatusCode = 201, Body = [],
            });
            return await db.SaveChangesAsync();
        });

        await using var scope = api.Services.CreateAsyncScope();
        var purged = await scope.ServiceProvider.GetRequiredService<IdempotencyStore>().PurgeExpiredAsync(1000, CancellationToken.None);

        Assert.True(purged >= 1);
        Assert.False(await api.WithDbAsync(db => db.Set<IdempotencyRecord>().AnyAsync(r => r.Key == stale)));
        Assert.True(await api.WithDbAsync(db => db.Set<IdempotencyRecord>().AnyAsync(r => r.Key == live)));
    }

    [Fact]
    public async Task The_purge_job_runs_as_a_worker_that_waits_for_the_schema()
    {
        var workers = api.Services.GetServices<IHostedService>().OfType<IdempotencyPurgeWorker>();

        Assert.Single(workers);
        await Task.CompletedTask;
    }

    private static string AdjustBody(long amount) =>
        $"{{\"direction\":\"credit\",\"amount\":{{\"amount\":{amount},\"currency\":\"EUR\"}},\"reason\":\"goodwill\"}}";

    /// <summary>What a request that crashed leaves behind: its key started, never completed.</summary>
    private async Task LeaveKeyAsync(string key, string url, string body, TimeSpan heldFor, bool committed)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Path = url;
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        var hash = await RequestFingerprint.ComputeAsync(context.Request);
        var now = api.Clock.GetUtcNow();
        await api.WithDbAsync(async db =>
        {
            db.Set<IdempotencyRecord>().Add(new IdempotencyRecord
            {
                Scope = AdminScope, Key = key, RequestHash = hash!, CreatedAt = now, ExpiresAt = now.AddHours(24), HeldUntil = now + heldFor, Committed = committed,
            });
            return await db.SaveChangesAsync();
        });
    }

    private Task ExpireHoldAsync(string key) => api.WithDbAsync(db =>
    {
        var past = api.Clock.GetUtcNow().AddSeconds(-1);
        return db.Set<IdempotencyRecord>().Where(r => r.Scope == AdminScope && r.Key == key).ExecuteUpdateAsync(u => u.SetProperty(r => r.HeldUntil, past));
    });

    private Task<bool> RecordAsync(string key, Func<IdempotencyRecord, bool> test) =>
        api.WithDbAsync(async db => (await db.Set<IdempotencyRecord>().AsNoTracking().Where(r => r.Scope == AdminScope && r.Key == key).ToListAsync()).Any(test));
}

[Collection("sqlite")]
public sealed class SqliteIdempotencyRecoveryTests(SqliteApiFixture api) : IdempotencyRecoveryTests(api);

[Collection("postgres")]
public sealed class PostgresIdempotencyRecoveryTests(PostgresApiFixture api) : IdempotencyRecoveryTests(api);

/// <summary>Failures around a request's first commit, on an API of its own with a gateway and router that misbehave on cue.</summary>
public sealed class IdempotencyFailureTests
{
    public static TheoryData<string> Providers => new() { "Sqlite", "Postgres" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_server_error_after_the_payment_opened_is_not_run_again_and_the_provider_is_called_once(string provider)
    {
        var gateway = new CrashingGateway();
        await using var api = await StartAsync(provider, services => services.AddSingleton<IPaymentGateway>(gateway));
        var admin = api.Admin();
        var customer = await admin.CreateCustomerAsync();
        var key = $"crash-{Guid.NewGuid()}";
        var body = "{\"amount\":{\"amount\":800,\"currency\":\"EUR\"},\"payment\":{\"gateway\":\"crashing\",\"paymentMethod\":\"pm_card_visa\"}}";

        var first = await admin.PostJsonAsync($"/v1/customers/{customer}/wallet/top-ups", body, key);
        var retry = await admin.PostJsonAsync($"/v1/customers/{customer}/wallet/top-ups", body, key);

        Assert.Equal(HttpStatusCode.InternalServerError, first.Status);
        Assert.Equal(HttpStatusCode.Conflict, retry.Status);
        Assert.Equal("idempotency_request_interrupted", retry.Code);
        Assert.Equal(1, gateway.Calls);
        Assert.Equal(1, await api.WithDbAsync(db => db.Payments.CountAsync(p => p.CustomerId == customer)));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_lost_race_answered_409_is_not_stored_so_the_retry_runs(string provider)
    {
        var router = new OnceConflictingRouter();
        await using var api = await StartAsync(provider, services => services.AddSingleton<IGatewayRouter>(router));
        var admin = api.Admin();
        var customer = await admin.CreateCustomerAsync();
        var key = $"race-lost-{Guid.NewGuid()}";
        var body = "{\"amount\":{\"amount\":300,\"currency\":\"EUR\"},\"payment\":{\"paymentMethod\":\"pm_card_visa\"}}";

        var first = await admin.PostJsonAsync($"/v1/customers/{customer}/wallet/top-ups", body, key);
        var retry = await admin.PostJsonAsync($"/v1/customers/{customer}/wallet/top-ups", body, key);

        Assert.Equal(HttpStatusCode.Conflict, first.Status);
        Assert.Equal("conflict", first.Code);
        Assert.Equal(HttpStatusCode.Created, retry.Status);
        Assert.False(retry.Raw.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(300, await admin.BalanceAsync(customer, "EUR"));
    }

    private static async Task<ApiFixture> StartAsync(string provider, Action<IServiceCollection> services)
    {
        ApiFixture api = provider == "Sqlite" ? new SqliteApiFixture() : new PostgresApiFixture();
        api.ExtraServices.Add(services);
        await api.InitializeAsync();
        return api;
    }

    /// <summary>A gateway whose adapter has a bug: it throws after the payment row was committed.</summary>
    private sealed class CrashingGateway : IPaymentGateway
    {
        private int _calls;

        public int Calls => _calls;

        public string Name => "crashing";

        public GatewayCapabilities Capabilities { get; } = new(null, RequiresPaymentMethod: true, Instant: true, AmountFixedAtCreation: false);

        public bool AcceptsPaymentMethod(string? paymentMethod) => paymentMethod is not null;

        public Task<GatewayOutcome> CreatePaymentAsync(GatewayPaymentRequest request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            throw new InvalidOperationException("simulated adapter bug after the payment opened");
        }

        public Task<GatewayOutcome> CaptureAsync(GatewayPaymentLookup payment, string idempotencyKey, CancellationToken cancellationToken) => Task.FromResult(GatewayOutcome.NoAnswer);

        public Task<GatewayOutcome> SyncAsync(GatewayPaymentLookup payment, CancellationToken cancellationToken) => Task.FromResult(GatewayOutcome.NoAnswer);

        public Task<GatewayOutcome> CancelAsync(GatewayPaymentLookup payment, string idempotencyKey, CancellationToken cancellationToken) => Task.FromResult(GatewayOutcome.NoAnswer);

        public Task<GatewayRefundOutcome> RefundAsync(GatewayRefundRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(new GatewayRefundOutcome(PaymentStatus.Failed, null, "not_supported"));

        public Task<WebhookVerification> VerifyWebhookAsync(WebhookRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(WebhookVerification.Rejected("no webhooks"));
    }

    /// <summary>Loses a race once (as a concurrent writer would make the first attempt do), then routes to the sandbox.</summary>
    private sealed class OnceConflictingRouter : IGatewayRouter
    {
        private int _calls;

        public string? Route(string currency, string? country, string? paymentMethod) =>
            Interlocked.Increment(ref _calls) == 1 ? throw new ConcurrencyConflictException("simulated lost race") : "sandbox";
    }
}
