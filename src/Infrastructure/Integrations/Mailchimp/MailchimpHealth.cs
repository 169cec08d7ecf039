using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CleanPrepay.Infrastructure.Integrations.Mailchimp;

/// <summary>The sync's last outcome, for /health/ready: a failing Mailchimp degrades us, it does not take us down.</summary>
internal sealed class MailchimpHealth : IHealthCheck
{
    private readonly Lock _lock = new();
    private DateTimeOffset? _failingSince;
    private string? _reason;

    public void Succeeded(DateTimeOffset now)
    {
        lock (_lock)
        {
            _failingSince = null;
            _reason = null;
        }
    }

    public void Failed(DateTimeOffset now, string reason)
    {
        lock (_lock)
        {
            _failingSince ??= now;
            _reason = reason;
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_failingSince is { } since
                ? HealthCheckResult.Degraded($"Mailchimp sync failing since {since:O}: {_reason}")
                : HealthCheckResult.Healthy("Mailchimp sync working"));
        }
    }
}
