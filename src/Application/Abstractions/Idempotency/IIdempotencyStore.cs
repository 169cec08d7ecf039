namespace CleanPrepay.Application.Abstractions.Idempotency;

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
