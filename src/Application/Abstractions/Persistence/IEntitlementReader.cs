namespace CleanPrepay.Application.Abstractions.Persistence;

/// <summary>
/// The read side of "may customer X watch video Y now?", the hottest read of a streaming platform:
/// the accesses not revoked, started, not expired, and either for that video, a subscription, or a
/// manual grant of a plan. Implemented with precompiled queries.
/// </summary>
public interface IEntitlementReader
{
    /// <summary>The active grants for <paramref name="videoId"/>; empty when the customer may not watch it.</summary>
    Task<IReadOnlyList<ActiveGrant>> ActiveGrantsAsync(string customerId, string videoId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Whether at least one active grant lets the customer watch <paramref name="videoId"/>.</summary>
    Task<bool> IsEntitledAsync(string customerId, string videoId, DateTimeOffset now, CancellationToken cancellationToken);
}
