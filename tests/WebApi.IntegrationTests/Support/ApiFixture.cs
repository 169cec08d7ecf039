using System.Collections.Concurrent;
using System.Net.Http.Headers;
using CleanPrepay.Gateways.ContractTests.Support;
using CleanPrepay.Infrastructure.Persistence;
using CleanPrepay.WebApi.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CleanPrepay.WebApi.IntegrationTests.Support;

/// <summary>
/// The real API in-process (WebApplicationFactory) on a database of its own: a fresh SQLite file, or a
/// fresh database on the throwaway PostgreSQL cluster that ./test.sh starts. Migrations run as in production.
/// </summary>
public abstract class ApiFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string SigningKey = "integration-tests-signing-key-0123456789-abcdefghijklmnop";

    public ConcurrentQueue<string> LogLines { get; } = new();

    public virtual TestClock Clock { get; } = new();

    /// <summary>The SMTP server the API sends its emails to (started with the API).</summary>
    public SmtpSink Smtp => _smtp.Value;

    private readonly Lazy<SmtpSink> _smtp = new(() => new SmtpSink());

    /// <summary>An outside effect subscribed to ledger entries: what the outbox delivered to it.</summary>
    public RecordingOutboxHandler LedgerWebhook { get; } = new("WalletLedgerEntryAdded");

    public abstract string Provider { get; }

    /// <summary>More configuration (a provider adapter pointed at a local fake), set before the API first starts.</summary>
    public Dictionary<string, string?> Settings { get; } = new(StringComparer.Ordinal);

    /// <summary>More services (a test double of a port), registered after the API's own, before it first starts.</summary>
    public List<Action<IServiceCollection>> ExtraServices { get; } = [];

    protected internal abstract string ConnectionString { get; }

    protected virtual string EnvironmentName => "Testing";

    /// <summary>Whether the OpenAPI document and Swagger UI are switched on; false leaves the environment's defaults.</summary>
    protected virtual bool ServesOpenApi => true;

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public new virtual async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_smtp.IsValueCreated)
        {
            _smtp.Value.Dispose();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Database:Provider", Provider);
        builder.UseSetting("ConnectionStrings:CleanPrepay", ConnectionString);
        builder.UseSetting("Auth:SigningKey", SigningKey);
        builder.UseSetting("Outbox:Enabled", "true");
        builder.UseSetting("Gateways:Sandbox:Enabled", "true");
        builder.UseSetting("Subscriptions:WorkerEnabled", "false"); // tests drive ISubscriptionBilling by hand
        builder.UseSetting("Reconciliation:WorkerEnabled", "false"); // and IPaymentReconciliation
        builder.UseSetting("AutoTopUp:WorkerEnabled", "false"); // and IAutoTopUps, unless a test turns it on
        if (ServesOpenApi)
        {
            builder.UseSetting("OpenApi:Enabled", "true"); // the drift tests read the served document
            builder.UseSetting("Swagger:Enabled", "true");
        }

        builder.UseSetting("Payments:AllowedReturnHosts:0", "shop.example");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Smtp:Host", "127.0.0.1");
        builder.UseSetting("Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<CleanPrepay.Infrastructure.Persistence.Outbox.IOutboxHandler>(LedgerWebhook);
            foreach (var add in ExtraServices)
            {
                add(services);
            }
        });
        builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(new CapturingLoggerProvider(LogLines));
            logging.SetMinimumLevel(LogLevel.Debug);
            logging.AddFilter<CapturingLoggerProvider>("CleanPrepay", LogLevel.Debug); // our own Debug lines too, over appsettings' Default
        });
    }

    public HttpClient Admin() => ClientWithToken(Services.GetRequiredService<TokenIssuer>().Issue(Roles.Admin, "ops@platform.test"));

    public HttpClient Customer(string customerId) => ClientWithToken(Services.GetRequiredService<TokenIssuer>().Issue(Roles.Customer, customerId));

    public HttpClient ClientWithToken(string? token)
    {
        var client = CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>A scope on the same database, for assertions that look under the API.</summary>
    public async Task<T> WithDbAsync<T>(Func<CleanPrepayDbContext, Task<T>> read)
    {
        await using var scope = Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<CleanPrepayDbContext>());
    }
}

/// <summary>A second API instance on the same database: what another server, or the same one after a restart, would see.</summary>
public sealed class SiblingApiFixture(ApiFixture original) : ApiFixture
{
    public override string Provider => original.Provider;

    /// <summary>One clock for both: instances of one deployment agree on the time (claims and schedules compare it).</summary>
    public override TestClock Clock => original.Clock;

    protected internal override string ConnectionString => original.ConnectionString;
}

public class SqliteApiFixture : ApiFixture
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"cleanprepay-test-{Guid.NewGuid():N}.db");

    public override string Provider => "Sqlite";

    protected internal override string ConnectionString => $"Data Source={_path}";

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }
    }
}

public class PostgresApiFixture : ApiFixture
{
    private readonly string _database = $"cp_test_{Guid.NewGuid():N}";

    public override string Provider => "Postgres";

    protected internal override string ConnectionString => Postgres.ConnectionStringFor(_database);

    public override async Task InitializeAsync() => await Postgres.CreateDatabaseAsync(_database);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Postgres.DropDatabaseAsync(_database);
    }
}

/// <summary>The PostgreSQL server ./test.sh started (CLEANPREPAY_TEST_PG). Without it the PostgreSQL tests fail: they never skip.</summary>
public static class Postgres
{
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("CLEANPREPAY_TEST_PG")
        ?? throw new InvalidOperationException("CLEANPREPAY_TEST_PG is not set: run the tests through ./test.sh, which starts PostgreSQL.");

    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database, MaxPoolSize = 100 }.ConnectionString;

    public static async Task CreateDatabaseAsync(string database)
    {
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task DropDatabaseAsync(string database)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>Stands in for an outgoing webhook: records every payload the outbox hands it.</summary>
public sealed class RecordingOutboxHandler(string eventType) : CleanPrepay.Infrastructure.Persistence.Outbox.IOutboxHandler
{
    public ConcurrentQueue<string> Delivered { get; } = new();

    public string EventType => eventType;

    /// <summary>While set, a delivery waits for it: a slow receiver (an SMTP server at its timeout).</summary>
    public TaskCompletionSource? Hold { get; set; }

    /// <summary>Completed when a delivery is waiting on <see cref="Hold"/>.</summary>
    public TaskCompletionSource Waiting { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task HandleAsync(string payload, CancellationToken cancellationToken)
    {
        if (Hold is { } hold)
        {
            Waiting.TrySetResult();
            await hold.Task.WaitAsync(cancellationToken);
        }

        Delivered.Enqueue(payload);
    }
}
