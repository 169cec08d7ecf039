using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CleanPrepay.Infrastructure.Integrations.Mailchimp;

/// <summary>The sync's last outcome, for /health/ready: a failing Mailchimp degrades us, it does not take us down.</summary>
internal sealed class MailchimpHealth : IHealthCheck
{
    private readonly Lock _lock = new();
    private DateTimeOffset? _failingSince;

    public void Succeeded()
    {
        lock (_lock)
        {
            _failingSince = null;
        }
    }

    public void Failed(DateTimeOffset now)
    {
        lock (_lock)
        {
            _failingSince ??= now;
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_failingSince is { } since
                ? HealthCheckResult.Degraded($"Mailchimp sync failing since {since:O}") // the why is in the log, not on the anonymous probe
                : HealthCheckResult.Healthy("Mailchimp sync working"));
        }
    }
}
