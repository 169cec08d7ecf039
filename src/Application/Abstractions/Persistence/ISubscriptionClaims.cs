using CleanPrepay.Domain.Subscriptions;

namespace CleanPrepay.Application.Abstractions.Persistence;

/// <summary>
/// Claims work for the renewal worker inside the caller's transaction. On PostgreSQL the rows are
/// locked with <c>FOR UPDATE SKIP LOCKED</c>, so several API instances share the work and no two
/// claim the same row; on SQLite the write transaction already excludes every other writer.
/// </summary>
public interface ISubscriptionClaims
{
    /// <summary>Up to <paramref name="limit"/> open subscriptions whose next charge is due at <paramref name="now"/>, oldest first, tracked.</summary>
    Task<IReadOnlyList<Subscription>> ClaimDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> pending prepayments whose expiry has passed, tracked.</summary>
    Task<IReadOnlyList<Prepayment>> ClaimExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);
}
