using CleanPrepay.Domain.Webhooks;
using CleanPrepay.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CleanPrepay.Infrastructure.Webhooks;

/// <summary>
/// Which event types some enabled endpoint wants, so a transaction writes outbox rows only for those (none at all
/// while no endpoint exists). Read through the caller's own context, in its transaction, at most once per
/// <see cref="MaxAge"/>; a change of endpoints committed on this instance is seen at once, one on another instance
/// within <see cref="MaxAge"/> (ADR 0045).
/// </summary>
internal sealed class WebhookSubscriptions(TimeProvider time, IOptions<WebhookOptions> options)
{
    internal static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private sealed record Snapshot(bool All, IReadOnlySet<string> Types, DateTimeOffset ReadAt);

    private volatile Snapshot? _current;

    public void Invalidate() => _current = null;

    /// <summary>Whether an event of this domain type (e.g. <c>OrderPaid</c>) is wanted by some endpoint now.</summary>
    public async ValueTask<Func<string, bool>> WantedAsync(CleanPrepayDbContext db, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return _ => false; // Webhooks:Enabled=false: no webhook row is ever written
        }

        var now = time.GetUtcNow();
        var snapshot = _current;
        if (snapshot is null || now - snapshot.ReadAt > MaxAge || snapshot.ReadAt > now)
        {
            // Racing transactions may each read it once: a small query, and no second connection from the pool.
            var lists = await db.WebhookEndpoints.AsNoTracking().Where(e => e.Enabled).Select(e => e.Events).ToListAsync(cancellationToken);
            var types = lists.SelectMany(l => l).ToHashSet(StringComparer.Ordinal);
            snapshot = new Snapshot(types.Contains(WebhookEventTypes.All), types, now);
            _current = snapshot;
        }

        return domainEvent => WebhookEventMap.ByDomainEvent.TryGetValue(domainEvent, out var mapping)
                              && (snapshot.All || snapshot.Types.Contains(mapping.Type));
    }
}
