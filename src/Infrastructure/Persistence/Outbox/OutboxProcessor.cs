using CleanPrepay.Infrastructure.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CleanPrepay.Infrastructure.Persistence.Outbox;

/// <summary>Delivers one kind of outbox message to the outside world (an email, an outgoing webhook).</summary>
public interface IOutboxHandler
{
    string EventType { get; }

    Task HandleAsync(string payload, CancellationToken cancellationToken);
}

/// <summary>
/// Delivers outbox messages after their transaction committed, at least once, in order of occurrence.
/// Several instances may run: on PostgreSQL each batch is claimed with FOR UPDATE SKIP LOCKED.
/// </summary>
internal sealed class OutboxProcessor(IServiceScopeFactory scopes, TimeProvider time, ILogger<OutboxProcessor> logger, SchemaGate schema)
    : BatchWorker(schema, time, logger)
{
    private const int Batch = 20;
    private const int MaxAttempts = 10;

    /// <summary>Longer than a batch of sends at the SMTP timeout (20 × 30 s); a processor that died is replaced after it.</summary>
    internal static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(15);

    protected override int BatchSize => Batch;

    protected override TimeSpan IdleDelay => TimeSpan.FromSeconds(1);

    internal override Task<int> RunBatchAsync(CancellationToken cancellationToken) => ProcessBatchAsync(cancellationToken);

    internal async Task<int> ProcessBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CleanPrepayDbContext>();
        var handlers = scope.ServiceProvider.GetServices<IOutboxHandler>().ToLookup(h => h.EventType);
        var batch = await ClaimAsync(db, cancellationToken);

        // Sent with no transaction open: a slow SMTP server holds no lock, and on SQLite blocks no writer.
        var handled = 0;
        try
        {
            foreach (var message in batch)
            {
                try
                {
                    foreach (var handler in handlers[message.Type])
                    {
                        await handler.HandleAsync(message.Payload, cancellationToken);
                    }

                    message.ProcessedAt = Time.GetUtcNow();
                }
                catch (OutboxRetryLaterException later)
                {
                    // Asked to slow down (a 429): no attempt is used up, the message waits what was asked.
                    message.NextAttemptAt = Time.GetUtcNow() + later.After;
                    message.LastError = later.Message;
                    Logger.LogInformation("Outbox message {MessageId} ({Type}) waits {Seconds} s: {Reason}", message.Id, message.Type, later.After.TotalSeconds, later.Message);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    message.Attempts++;
                    message.LastError = ex.GetType().Name;
                    message.NextAttemptAt = Time.GetUtcNow() + Backoff(message.Attempts);
                    Logger.LogWarning("Outbox message {MessageId} ({Type}) failed on attempt {Attempt}", message.Id, message.Type, message.Attempts);
                }

                message.ClaimedUntil = null;
                await db.SaveChangesAsync(CancellationToken.None); // one message at a time: a crash re-sends at most the one in hand
                handled++;
            }
        }
        finally
        {
            // Stopping (a deploy, a scaled-down instance): hand back what we claimed and did not send, or it waits out ClaimFor.
            await ReleaseAsync(db, batch.Skip(handled));
        }

        return batch.Count;
    }

    /// <summary>1 s, 2 s, 4 s … 512 s: the ten attempts span about 17 minutes, so a short outage loses nothing.</summary>
    internal static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Pow(2, Math.Min(attempts, 10) - 1));

    private static async Task ReleaseAsync(CleanPrepayDbContext db, IEnumerable<OutboxMessage> unsent)
    {
        var any = false;
        foreach (var message in unsent)
        {
            message.ClaimedUntil = null;
            any = true;
        }

        if (any)
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
    }

    /// <summary>Takes due messages for <see cref="ClaimFor"/> in a short transaction of its own; other processors skip them.</summary>
    private async Task<List<OutboxMessage>> ClaimAsync(CleanPrepayDbContext db, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        db.Database.AutoSavepointsEnabled = false; // one SaveChanges, all or nothing: see UnitOfWork
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var batch = db.IsPostgres
            ? await db.OutboxMessages
                .FromSqlInterpolated($"SELECT * FROM outbox_messages WHERE processed_at IS NULL AND attempts < {MaxAttempts} AND (claimed_until IS NULL OR claimed_until < {now}) AND (next_attempt_at IS NULL OR next_attempt_at <= {now}) ORDER BY occurred_at LIMIT {Batch} FOR UPDATE SKIP LOCKED")
                .ToListAsync(cancellationToken)
            : await db.OutboxMessages.Where(m => m.ProcessedAt == null && m.Attempts < MaxAttempts && (m.ClaimedUntil == null || m.ClaimedUntil < now)
                                                && (m.NextAttemptAt == null || m.NextAttemptAt <= now))
                .OrderBy(m => m.OccurredAt).Take(Batch).ToListAsync(cancellationToken);
        foreach (var message in batch)
        {
            message.ClaimedUntil = now + ClaimFor;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return batch;
    }
}
