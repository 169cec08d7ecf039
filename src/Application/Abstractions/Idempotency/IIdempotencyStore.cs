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

/// <summary>A stored answer, replayed byte for byte.</summary>
public sealed record StoredResponse(int StatusCode, string? ContentType, string? Location, byte[] Body);

/// <summary>Durable idempotency keys, shared by every API instance.</summary>
public interface IIdempotencyStore
{
    Task<(IdempotencyState State, StoredResponse? Response)> BeginAsync(
        string scope, string key, string requestHash, CancellationToken cancellationToken);

    Task CompleteAsync(string scope, string key, StoredResponse response, CancellationToken cancellationToken);

    /// <summary>
    /// Gives up the key after a 5xx or a crash: deleted, so the request can be retried, while nothing was
    /// committed under it; otherwise kept with its hold ended, so retries are told it was interrupted.
    /// </summary>
    Task AbandonAsync(string scope, string key, CancellationToken cancellationToken);

    /// <summary>
    /// Records, inside the caller's open transaction, that the request under this key commits a change:
    /// from then on the key is never released, so a retry cannot run the change again.
    /// </summary>
    Task MarkCommittedAsync(string scope, string key, CancellationToken cancellationToken);
}

/// <summary>The idempotency key the current request runs under, if any: set by the HTTP layer, read by the unit of work.</summary>
public sealed class CurrentIdempotencyKey
{
    public string? Scope { get; private set; }

    public string? Key { get; private set; }

    /// <summary>A unit of work committed under the key (so the key is kept whatever the answer).</summary>
    public bool Committed { get; set; }

    public void Set(string scope, string key) => (Scope, Key) = (scope, key);
}
