namespace CleanPrepay.Infrastructure.Persistence.Idempotency;

/// <summary>Configuration section <c>Idempotency</c>.</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    /// <summary>How long a running request owns its key; a request silent past it is taken to have died.</summary>
    public TimeSpan HoldFor { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often expired keys are deleted.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromMinutes(10);
}
