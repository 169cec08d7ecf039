namespace CleanPrepay.Infrastructure.Gateways;

/// <summary>
/// What every provider's options have (section <c>Gateways:&lt;Name&gt;</c>). Secrets are read from
/// configuration (environment, user secrets, a vault provider), never from code, and never logged:
/// <see cref="ToString"/> names the provider only.
/// </summary>
public abstract class GatewayOptions
{
    /// <summary>Off turns a configured adapter off; by default an adapter is on once its credentials are set.</summary>
    public bool? Enabled { get; set; }

    /// <summary>The provider's API root; tests and the simulator point it elsewhere.</summary>
    public string BaseUrl { get; set; } = string.Empty;

    /// <summary>One HTTP attempt's limit.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The limit over all attempts of one call.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of a call that is safe to repeat (a GET, or a POST with an idempotency key).</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>The first retry's delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Circuit breaker: the failure ratio over <see cref="BreakerSampling"/> that opens it, for <see cref="BreakDuration"/>.</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    public int BreakerMinimumThroughput { get; set; } = 10;

    public TimeSpan BreakerSampling { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Our public HTTPS root, for the notification and return URLs a provider is given (<c>https://pay.example.com</c>).</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Whether the credentials this provider needs are present.</summary>
    public abstract bool HasCredentials { get; }

    public bool IsEnabled => Enabled ?? HasCredentials;

    public sealed override string ToString() => GetType().Name;

    /// <summary>The URL a provider posts its notifications to.</summary>
    public string? WebhookUrl(string gateway) => PublicBaseUrl is { Length: > 0 } root ? $"{root.TrimEnd('/')}/v1/webhooks/{gateway}" : null;
}
