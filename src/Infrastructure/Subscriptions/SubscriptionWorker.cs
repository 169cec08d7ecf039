using CleanPrepay.Infrastructure.Hosting;
using CleanPrepay.Application.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanPrepay.Infrastructure.Subscriptions;

/// <summary>
/// Runs <see cref="ISubscriptionBilling"/> in <see cref="SubscriptionOptions.WorkerConcurrency"/> loops:
/// each again at once while its batches come back full, else after <see cref="SubscriptionOptions.PollInterval"/>.
/// Any number of API instances may run it: the claims skip rows another loop holds.
/// </summary>
internal sealed class SubscriptionWorker(IServiceScopeFactory scopes, IOptions<SubscriptionOptions> options, TimeProvider time, ILogger<SubscriptionWorker> logger, SchemaGate schema)
    : DatabaseWorker(schema)
{
    protected override Task RunAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Value.WorkerConcurrency)).Select(_ => Task.Run(() => LoopAsync(stoppingToken), stoppingToken)));

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var busy = false;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var pass = await scope.ServiceProvider.GetRequiredService<ISubscriptionBilling>().RunOnceAsync(stoppingToken);
                busy = pass.Total >= options.Value.BatchSize;
                if (pass.Total > 0)
                {
                    logger.LogInformation(
                        "Billing pass: {Expired} expired, {Charged} charged ({Paid} paid, {Failed} failed), {Canceled} canceled at period end",
                        pass.Expired, pass.Charged, pass.Paid, pass.Failed, pass.Canceled);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Billing pass failed: {Exception}", ex.GetType().Name);
            }

            if (!busy)
            {
                await Task.Delay(options.Value.PollInterval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
