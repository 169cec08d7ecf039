using CleanPrepay.Application.Wallets.AutoTopUps;
using CleanPrepay.Infrastructure.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanPrepay.Infrastructure.Wallets;

/// <summary>
/// Runs auto top-up passes when a debit wakes it (<see cref="AutoTopUpSignal"/>), at most every
/// <see cref="AutoTopUpOptions.MinInterval"/>, and at least every <see cref="AutoTopUpOptions.PollInterval"/>
/// for debits made on other instances. Waits are wall-clock: the signal is a hint, not a schedule.
/// </summary>
internal sealed class AutoTopUpWorker(
    IServiceScopeFactory scopes, AutoTopUpSignal signal, IOptions<AutoTopUpOptions> options, ILogger<AutoTopUpWorker> logger, SchemaGate schema) : DatabaseWorker(schema)
{
    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = 0;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                started = await scope.ServiceProvider.GetRequiredService<IAutoTopUps>().RunOnceAsync(stoppingToken);
                if (started > 0)
                {
                    logger.LogInformation("Auto top-up pass: {Started} started", started);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Auto top-up pass failed: {Exception}", ex.GetType().Name);
            }

            try
            {
                await Task.Delay(options.Value.MinInterval, stoppingToken);
                if (started < options.Value.BatchSize)
                {
                    await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
