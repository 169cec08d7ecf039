using CleanPrepay.Application.Abstractions.Idempotency;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CleanPrepay.Infrastructure.Persistence.Idempotency;

/// <summary>
/// Keys live in the database, so they hold across restarts and instances. The first request wins
/// the primary key insert; everyone else reads what it left.
/// </summary>
internal sealed class IdempotencyStore(CleanPrepayDbContext db, TimeProvider time, IOptions<IdempotencyOptions> options) : IIdempotencyStore
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    private TimeSpan HoldFor => options.Value.HoldFor;

    public async Task<(IdempotencyState State, StoredResponse? Response)> BeginAsync(
        string scope, string key, string requestHash, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var now = time.GetUtcNow();
            var record = new IdempotencyRecord
            {
                Scope = scope,
                Key = key,
                RequestHash = requestHash,
                CreatedAt = now,
                ExpiresAt = now + Retention,
                HeldUntil = now + HoldFor,
            };
            db.IdempotencyRecords.Add(record);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return (IdempotencyState.Started, null);
            }
            catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
            {
                // Someone holds the key: look at what they left.
            }
            finally
            {
                db.Entry(record).State = EntityState.Detached;
            }

            var existing = await db.IdempotencyRecords.AsNoTracking()
                .FirstOrDefaultAsync(r => r.Scope == scope && r.Key == key, cancellationToken);
            if (existing is null)
            {
                continue; // released in between: try to take it again
            }

            if (existing.ExpiresAt <= now)
            {
                await db.IdempotencyRecords.Where(r => r.Scope == scope && r.Key == key && r.ExpiresAt <= now)
                    .ExecuteDeleteAsync(cancellationToken);
                continue;
            }

            if (existing.RequestHash != requestHash)
            {
                return (IdempotencyState.Mismatch, null);
            }

            if (existing.Completed)
            {
                return (IdempotencyState.Completed, new StoredResponse(existing.StatusCode!.Value, existing.ContentType, existing.Location, existing.Body ?? []));
            }

            if (existing.HeldUntil > now)
            {
                return (IdempotencyState.InProgress, null);
            }

            if (existing.Committed)
            {
                return (IdempotencyState.Interrupted, null);
            }

            // The holder died before it changed anything: the first retry to take the hold runs the request.
            var taken = await db.IdempotencyRecords
                .Where(r => r.Scope == scope && r.Key == key && !r.Completed && !r.Committed && r.HeldUntil == existing.HeldUntil)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.HeldUntil, now + HoldFor), cancellationToken);
            return taken == 1 ? (IdempotencyState.Started, null) : (IdempotencyState.InProgress, null);
        }

        return (IdempotencyState.InProgress, null);
    }

    public Task CompleteAsync(string scope, string key, StoredResponse response, CancellationToken cancellationToken) =>
        db.IdempotencyRecords.Where(r => r.Scope == scope && r.Key == key)
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.Completed, true)
                    .SetProperty(r => r.StatusCode, response.StatusCode)
                    .SetProperty(r => r.ContentType, response.ContentType)
                    .SetProperty(r => r.Location, response.Location)
                    .SetProperty(r => r.Body, response.Body)
                    .SetProperty(r => r.HeldUntil, (DateTimeOffset?)null),
                cancellationToken);

    public async Task AbandonAsync(string scope, string key, CancellationToken cancellationToken)
    {
        var pending = db.IdempotencyRecords.Where(r => r.Scope == scope && r.Key == key && !r.Completed);
        if (await pending.Where(r => !r.Committed).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            // Something was committed under the key: keep it, and end the hold so retries hear "interrupted" now.
            var now = time.GetUtcNow();
            await pending.Where(r => r.Committed).ExecuteUpdateAsync(u => u.SetProperty(r => r.HeldUntil, now), cancellationToken);
        }
    }

    public Task MarkCommittedAsync(string scope, string key, CancellationToken cancellationToken)
    {
        var heldUntil = time.GetUtcNow() + HoldFor; // the slow part (the provider call) starts now: hold from here
        return db.IdempotencyRecords.Where(r => r.Scope == scope && r.Key == key && !r.Completed)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Committed, true).SetProperty(r => r.HeldUntil, heldUntil), cancellationToken);
    }

    /// <summary>Deletes up to <paramref name="batch"/> expired keys; the purge job calls it until fewer come back.</summary>
    public Task<int> PurgeExpiredAsync(int batch, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var expired = db.IdempotencyRecords.Where(r => r.ExpiresAt <= now).OrderBy(r => r.ExpiresAt).Take(batch).Select(r => new { r.Scope, r.Key });
        return db.IdempotencyRecords
            .Where(r => r.ExpiresAt <= now && expired.Any(e => e.Scope == r.Scope && e.Key == r.Key))
            .ExecuteDeleteAsync(cancellationToken);
    }
}
