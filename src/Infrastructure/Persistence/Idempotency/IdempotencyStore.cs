using CleanPrepay.Application.Abstractions.Idempotency;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Infrastructure.Persistence.Idempotency;

/// <summary>
/// Keys live in the database, so they hold across restarts and instances. The first request wins
/// the primary key insert; everyone else reads what it left.
/// </summary>
internal sealed class IdempotencyStore(CleanPrepayDbContext db, TimeProvider time) : IIdempotencyStore
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

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

            return existing.Completed
                ? (IdempotencyState.Completed, new StoredResponse(existing.StatusCode!.Value, existing.ContentType, existing.Location, existing.Body ?? []))
                : (IdempotencyState.InProgress, null);
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
                    .SetProperty(r => r.Body, response.Body),
                cancellationToken);

    public Task AbandonAsync(string scope, string key, CancellationToken cancellationToken) =>
        db.IdempotencyRecords.Where(r => r.Scope == scope && r.Key == key && !r.Completed).ExecuteDeleteAsync(cancellationToken);
}
