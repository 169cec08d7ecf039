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
}

/// <summary>A stored answer, replayed byte for byte.</summary>
public sealed record StoredResponse(int StatusCode, string? ContentType, string? Location, byte[] Body);

/// <summary>Durable idempotency keys, shared by every API instance.</summary>
public interface IIdempotencyStore
{
    Task<(IdempotencyState State, StoredResponse? Response)> BeginAsync(
        string scope, string key, string requestHash, CancellationToken cancellationToken);

    Task CompleteAsync(string scope, string key, StoredResponse response, CancellationToken cancellationToken);

    /// <summary>Releases the key so the request can be retried (used when the first attempt failed with a 5xx).</summary>
    Task AbandonAsync(string scope, string key, CancellationToken cancellationToken);
}
