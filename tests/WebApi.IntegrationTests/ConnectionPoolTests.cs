using System.Net;
using CleanPrepay.Infrastructure;
using CleanPrepay.WebApi.IntegrationTests.Support;
using Npgsql;

namespace CleanPrepay.WebApi.IntegrationTests;

/// <summary>
/// The bounded connection pool (ADR 0037). On a pool of one connection, a request that needed a second
/// connection while holding the first would wait for itself until the pool's timeout: every money flow
/// passing here shows that none does. A request that finds the pool full gets 503, changes nothing, and
/// may be retried.
/// </summary>
public sealed class ConnectionPoolTests(ConnectionPoolTests.OneConnectionApiFixture api) : IClassFixture<ConnectionPoolTests.OneConnectionApiFixture>
{
    private readonly HttpClient _admin = api.Admin();
    private readonly Given _given = new(api);

    [Fact]
    public void The_pool_is_bounded_near_the_cores_unless_configured()
    {
        static int PoolOf(string s) => new NpgsqlConnectionStringBuilder(s).MaxPoolSize;
        const string Server = "Host=db;Database=cp;Username=cp";

        Assert.Equal((2 * Environment.ProcessorCount) + 2, PoolOf(DependencyInjection.PostgresConnectionString(Server)));
        Assert.Equal(12, PoolOf(DependencyInjection.PostgresConnectionString(Server, maxPoolSize: 12)));
        Assert.Equal(40, PoolOf(DependencyInjection.PostgresConnectionString(Server + ";Maximum Pool Size=40", maxPoolSize: 12)));
        Assert.Equal(30, PoolOf(DependencyInjection.PostgresConnectionString(Server + ";maxpoolsize=30")));
        Assert.Equal(7, PoolOf(DependencyInjection.PostgresConnectionString(Server + ";Minimum Pool Size=2", maxPoolSize: 7)));
        Assert.Throws<InvalidOperationException>(() => DependencyInjection.PostgresConnectionString(Server, maxPoolSize: 0));
    }

    [Fact]
    public async Task Every_money_flow_completes_on_a_single_connection()
    {
        var shopper = await _given.CustomerAsync(eur: 5000);
        var video = await _admin.CreateVideoAsync();
        var plan = await _admin.CreatePlanAsync();

        Assert.Equal(HttpStatusCode.Created, (await shopper.Client.TopUpAsync(shopper.Id, 1500, "EUR", "pm_card_visa", key: Guid.NewGuid().ToString())).Status);
        var fromWallet = await shopper.Client.OrderAsync(shopper.Id, [CatalogHelpers.Rent(video)], key: "order-1");
        Assert.Equal(HttpStatusCode.Created, fromWallet.Status);
        var replay = await shopper.Client.OrderAsync(shopper.Id, [CatalogHelpers.Rent(video)], key: "order-1");
        Assert.Equal(HttpStatusCode.Created, replay.Status);
        Assert.Equal(fromWallet.Json["id"]!.GetValue<string>(), replay.Json["id"]!.GetValue<string>());

        var byCard = await shopper.Client.OrderAsync(shopper.Id, [CatalogHelpers.Buy(video)], "gateway", "pm_card_visa");
        Assert.Equal(HttpStatusCode.Created, byCard.Status);
        var paymentId = byCard.Json["payment"]!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Created, (await _admin.PostJsonAsync($"/v1/payments/{paymentId}/refunds", new { amount = new { amount = 100, currency = "EUR" } })).Status);

        var subscribed = await _admin.PostJsonAsync(
            "/v1/subscriptions", new { customerId = shopper.Id, planId = plan, payment = new { method = "wallet" } }, Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, subscribed.Status);
        Assert.Equal(HttpStatusCode.Created, (await _admin.AdjustAsync(shopper.Id, "debit", 100, key: Guid.NewGuid().ToString())).Status);
        Assert.Equal(HttpStatusCode.OK, (await shopper.Client.GetJsonAsync($"/v1/customers/{shopper.Id}/entitlements/{video}")).Status);

        // 40 at once on one connection: they queue in the pool, and every one is answered.
        var debits = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => api.Admin().AdjustAsync(shopper.Id, "debit", 1)));
        Assert.All(debits, d => Assert.Equal(HttpStatusCode.Created, d.Status));
        var ledger = await _admin.LedgerAsync(shopper.Id);
        Assert.Equal(await _admin.BalanceAsync(shopper.Id, "EUR"), ledger.Where(e => e.Amount?.Currency == "EUR").Sum(e => e.Amount!.Amount));
    }

    [Fact]
    public async Task A_request_that_finds_the_pool_full_is_503_with_retry_after_and_changes_nothing()
    {
        var shopper = await _given.CustomerAsync(eur: 1000);
        var before = (await _admin.TransactionsAsync(shopper.Id)).Count;

        // The test's own connection (another pool) locks the wallet row: the first debit takes the API's only
        // connection and waits on the lock; the second waits for the connection and gives up after Timeout=5.
        await using var holder = new NpgsqlConnection(api.ServerConnection);
        await holder.OpenAsync();
        await using var tx = await holder.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM wallets WHERE customer_id = @c FOR UPDATE", holder, tx))
        {
            lockRow.Parameters.AddWithValue("c", shopper.Id);
            Assert.Equal(1, await lockRow.ExecuteScalarAsync());
        }

        var first = _admin.AdjustAsync(shopper.Id, "debit", 100, key: "first");
        await Task.Delay(300);
        var second = await api.Admin().AdjustAsync(shopper.Id, "debit", 200, key: "second");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.Status);
        Assert.Equal("service_busy", second.Code);
        Assert.Equal("1", second.Raw.Headers.RetryAfter!.ToString());
        Assert.DoesNotContain("internal_error", second.Json.ToJsonString(), StringComparison.Ordinal);

        await tx.RollbackAsync();
        Assert.Equal(HttpStatusCode.Created, (await first).Status);

        // Nothing of the refused debit stayed behind, and its key is free for the retry.
        var entries = await _admin.TransactionsAsync(shopper.Id);
        Assert.Equal(before + 1, entries.Count);
        Assert.Equal(900, await _admin.BalanceAsync(shopper.Id, "EUR"));
        var retried = await api.Admin().AdjustAsync(shopper.Id, "debit", 200, key: "second");
        Assert.Equal(HttpStatusCode.Created, retried.Status);
        Assert.Equal(700, await _admin.BalanceAsync(shopper.Id, "EUR"));
    }

    /// <summary>The API on a database of its own, with one pooled connection and a wait of 5 s (also the time to open it: a busy CI host needs more than 1 s).</summary>
    public sealed class OneConnectionApiFixture : ApiFixture
    {
        private readonly string _database = $"cp_test_{Guid.NewGuid():N}";

        public OneConnectionApiFixture()
        {
            Settings["Database:MaxPoolSize"] = "1";
            Settings["Outbox:Enabled"] = "false"; // the pool is the requests' alone here
        }

        public override string Provider => "Postgres";

        /// <summary>No pool size in it, so Database:MaxPoolSize applies.</summary>
        protected internal override string ConnectionString =>
            new NpgsqlConnectionStringBuilder(Postgres.ServerConnectionString) { Database = _database, Timeout = 5 }.ConnectionString;

        public string ServerConnection => new NpgsqlConnectionStringBuilder(Postgres.ServerConnectionString) { Database = _database }.ConnectionString;

        public override async Task InitializeAsync() => await Postgres.CreateDatabaseAsync(_database);

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            await Postgres.DropDatabaseAsync(_database);
        }
    }
}
