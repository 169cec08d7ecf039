using Microsoft.Extensions.Logging;

namespace CleanPrepay.Infrastructure.Hosting;

/// <summary>
/// A loop of batches: runs the next one at once while batches come back full, else waits <see cref="IdleDelay"/>. A
/// failed batch is logged by its exception's type (never its message, which may hold data) and the loop goes on.
/// </summary>
internal abstract class BatchWorker(SchemaGate schema, TimeProvider time, ILogger logger) : DatabaseWorker(schema)
{
    protected TimeProvider Time { get; } = time;

    protected ILogger Logger { get; } = logger;

    protected abstract int BatchSize { get; }

    protected abstract TimeSpan IdleDelay { get; }

    /// <returns>How many items the batch took.</returns>
    internal abstract Task<int> RunBatchAsync(CancellationToken cancellationToken);

    protected sealed override async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var taken = 0;
            try
            {
                taken = await RunBatchAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Logger.LogWarning("{Worker} batch failed: {Exception}", GetType().Name, ex.GetType().Name);
            }

            if (taken < BatchSize)
            {
                await Task.Delay(IdleDelay, Time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
