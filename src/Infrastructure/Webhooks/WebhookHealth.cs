using CleanPrepay.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CleanPrepay.Infrastructure.Webhooks;

/// <summary>Degraded (never down) while an endpoint keeps failing or was disabled for it: our API still serves.</summary>
internal sealed class WebhookHealth(IServiceScopeFactory scopes, TimeProvider time) : IHealthCheck
{
    /// <summary>One failed attempt is a receiver's bad minute; failing this long is worth telling an operator.</summary>
    internal static readonly TimeSpan FailingFor = TimeSpan.FromMinutes(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CleanPrepayDbContext>();
        var since = time.GetUtcNow() - FailingFor;
        // The probe is anonymous: it says how many, staff find which in the endpoints' list.
        var failing = await db.WebhookEndpoints.AsNoTracking()
            .CountAsync(e => (e.Enabled && e.FailingSince != null && e.FailingSince < since) || (!e.Enabled && e.DisabledAt != null), cancellationToken);
        return failing == 0
            ? HealthCheckResult.Healthy("Webhook endpoints answering")
            : HealthCheckResult.Degraded($"{failing} webhook endpoint(s) failing, or disabled for failing");
    }
}
