using Microsoft.Extensions.Hosting;

namespace CleanPrepay.Infrastructure.Hosting;

/// <summary>A background loop over the database: it starts only once the <see cref="SchemaGate"/> is open.</summary>
internal abstract class DatabaseWorker(SchemaGate schema) : BackgroundService
{
    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await schema.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return; // stopped before the schema was ready: nothing ran, nothing to finish
        }

        await RunAsync(stoppingToken);
    }

    protected abstract Task RunAsync(CancellationToken stoppingToken);
}
