using CleanPrepay.Infrastructure.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CleanPrepay.Infrastructure.Persistence.Migrations;

/// <summary>Brings the database to the latest migration before the server takes requests, then opens the workers' gate.</summary>
internal sealed class MigrateOnStart(IServiceScopeFactory scopes, SchemaGate schema) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MigrationRunner>().MigrateAsync(cancellationToken);
        schema.Open();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Where the operator migrates out of band (Database:MigrateOnStart=false), the schema is taken as ready at start.</summary>
internal sealed class SchemaManagedElsewhere(SchemaGate schema) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        schema.Open();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
