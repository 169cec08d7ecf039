using CleanPrepay.Infrastructure.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanPrepay.Infrastructure.Persistence.Idempotency;

/// <summary>Deletes keys past their 24 h, in small batches so no delete holds many rows at once.</summary>
internal sealed class IdempotencyPurgeWorker(
    IServiceScopeFactory scopes, IOptions<IdempotencyOptions> options, TimeProvider time, ILogger<IdempotencyPurgeWorker> logger, SchemaGate schema)
    : DatabaseWorker(schema)
{
    internal const int BatchSize = 1000;

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PurgeAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Idempotency purge failed: {Exception}", ex.GetType().Name);
            }

            await Task.Delay(options.Value.PurgeInterval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    internal async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        int deleted;
        do
        {
            await using var scope = scopes.CreateAsyncScope();
            deleted = await scope.ServiceProvider.GetRequiredService<IdempotencyStore>().PurgeExpiredAsync(BatchSize, cancellationToken);
            total += deleted;
        }
        while (deleted == BatchSize);
        return total;
    }
}
