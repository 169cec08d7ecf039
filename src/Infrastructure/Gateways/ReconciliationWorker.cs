using CleanPrepay.Infrastructure.Hosting;
using CleanPrepay.Application.Payments.Reconciliation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanPrepay.Infrastructure.Gateways;

/// <summary>Runs reconciliation passes until nothing is due, then sleeps for the poll interval.</summary>
internal sealed class ReconciliationWorker(
    IServiceScopeFactory scopes, IOptions<ReconciliationOptions> options, TimeProvider time, ILogger<ReconciliationWorker> logger, SchemaGate schema) : DatabaseWorker(schema)
{
    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var busy = false;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var pass = await scope.ServiceProvider.GetRequiredService<IPaymentReconciliation>().RunOnceAsync(stoppingToken);
                busy = pass.Pulled >= options.Value.BatchSize;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Reconciliation pass failed: {Exception}", ex.GetType().Name);
            }

            if (!busy)
            {
                await Task.Delay(options.Value.PollInterval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
