namespace CleanPrepay.Application.Abstractions.Idempotency;

public enum IdempotencyState
{
    /// <summary>This request owns the key now and must complete or abandon it.</summary>
    Started,

    /// <summary>A request with this key is still running.</summary>
    InProgress,

    /// <summary>The key was used with a different request.</summary>
    Mismatch,

    /// <summary>The key's first answer is stored and must be replayed.</summary>
    Completed,

    /// <summary>The first request committed a change, then stopped answering past its hold (it died).</summary>
    Interrupted,
}
