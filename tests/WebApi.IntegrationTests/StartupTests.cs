using CleanPrepay.Infrastructure.Hosting;
using CleanPrepay.WebApi.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CleanPrepay.WebApi.IntegrationTests;

/// <summary>What a fresh server does before it takes its first request.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task On_a_fresh_postgres_database_no_worker_runs_before_the_migrations()
    {
        await using var api = new PostgresApiFixture();
        api.Settings["Reconciliation:WorkerEnabled"] = "true";
        api.Settings["Subscriptions:WorkerEnabled"] = "true";
        await api.InitializeAsync();

        _ = api.Services; // the host has started: migrations ran, the loops are going
        await Task.Delay(TimeSpan.FromSeconds(2)); // every loop's first pass has run by now

        var failures = api.LogLines.Where(l => l.Contains("failed", StringComparison.OrdinalIgnoreCase) || l.Contains("does not exist", StringComparison.Ordinal)).ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Every_hosted_loop_waits_for_the_schema()
    {
        await using var api = new SqliteApiFixture();
        api.Settings["Reconciliation:WorkerEnabled"] = "true";
        api.Settings["Subscriptions:WorkerEnabled"] = "true";

        var loops = api.Services.GetServices<IHostedService>().OfType<BackgroundService>().ToList();

        Assert.Equal(6, loops.Count); // reconciliation, outbox, billing, idempotency purge, webhook fan-out and dispatch
        Assert.All(loops, loop => Assert.True(loop is DatabaseWorker, $"{loop.GetType().Name} does not wait for the schema"));
    }

    [Fact]
    public async Task A_slow_outbox_delivery_blocks_no_write_on_sqlite()
    {
        await using var api = new SqliteApiFixture();
        var admin = api.Admin();
        var customer = await admin.CreateCustomerAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        api.LedgerWebhook.Hold = release;
        try
        {
            await admin.AdjustAsync(customer, "credit", 100);
            await api.LedgerWebhook.Waiting.Task.WaitAsync(TimeSpan.FromSeconds(30)); // the outbox is sending, and stuck

            var write = admin.AdjustAsync(customer, "credit", 200);

            Assert.Same(write, await Task.WhenAny(write, Task.Delay(TimeSpan.FromSeconds(5))));
            Assert.Equal(System.Net.HttpStatusCode.Created, (await write).Status);
        }
        finally
        {
            release.TrySetResult();
        }

        for (var i = 0; i < 100 && api.LedgerWebhook.Delivered.Count < 2; i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(2, api.LedgerWebhook.Delivered.Count(p => p.Contains(customer, StringComparison.Ordinal)));
    }
}
