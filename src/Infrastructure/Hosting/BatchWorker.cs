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

    /// <summary>Loops run side by side in this instance; their batches must not overlap (claims, SKIP LOCKED).</summary>
    protected virtual int Loops => 1;

    /// <returns>How many items the batch took.</returns>
    internal abstract Task<int> RunBatchAsync(CancellationToken cancellationToken);

    protected sealed override Task RunAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, Loops)).Select(_ => Task.Run(() => LoopAsync(stoppingToken), CancellationToken.None)));

    private async Task LoopAsync(CancellationToken stoppingToken)
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
