using CleanPrepay.Application.Abstractions.Events;
using CleanPrepay.Application.Abstractions.Idempotency;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Common.Exceptions;
using CleanPrepay.Domain.Common;
using CleanPrepay.Infrastructure.Persistence.Outbox;
using CleanPrepay.Infrastructure.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CleanPrepay.Infrastructure.Persistence;

internal sealed class UnitOfWork(
    CleanPrepayDbContext db, IDomainEventDispatcher dispatcher, IEnumerable<IOutboxHandler> outboxHandlers, CurrentIdempotencyKey idempotencyKey,
    IIdempotencyStore idempotency, WebhookSubscriptions subscriptions, ILogger<UnitOfWork> logger) : IUnitOfWork
{
    /// <summary>Event types some outside effect subscribes to; only these are worth an outbox row.</summary>
    private readonly HashSet<string> _subscribed = outboxHandlers.Select(h => h.EventType).ToHashSet(StringComparer.Ordinal);

    internal const int MaxAttempts = 8;

    private readonly List<Func<CancellationToken, Task<Error?>>> _beforeCommit = [];

    public void BeforeCommit(Func<CancellationToken, Task<Error?>> check)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A pre-commit check needs a running unit of work.");
        }

        _beforeCommit.Add(check);
    }

    public async Task<TResult> ExecuteAsync<TResult>(Func<CancellationToken, Task<TResult>> work, Func<Error, TResult> refuse, CancellationToken cancellationToken)
        where TResult : Result
    {
        if (db.Database.CurrentTransaction is not null)
        {
            // Already inside a unit of work: join it.
            return await work(cancellationToken);
        }

        // No automatic savepoint: a failure rolls the whole transaction back anyway, and a savepoint over a
        // row locked FOR UPDATE costs PostgreSQL a MultiXact id (ADR 0016). Set per attempt: contexts are pooled.
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            _beforeCommit.Clear();
            db.Database.AutoSavepointsEnabled = false;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                var result = await work(cancellationToken);
                if (!result.IsSuccess)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    db.ChangeTracker.Clear();
                    return result;
                }

                var events = await WriteOutboxAsync(cancellationToken);
                var endpointsChanged = db.ChangeTracker.Entries<Domain.Webhooks.WebhookEndpoint>().Any(e => e.State != EntityState.Unchanged);
                await db.SaveChangesAsync(cancellationToken);
                foreach (var check in _beforeCommit)
                {
                    if (await check(cancellationToken) is { } refused)
                    {
                        await transaction.RollbackAsync(cancellationToken);
                        db.ChangeTracker.Clear();
                        return refuse(refused);
                    }
                }

                // Atomic with the change: once it is committed, the request's key is never released for a rerun.
                var marking = idempotencyKey is { Key: not null, Scope: not null, Committed: false };
                if (marking)
                {
                    await idempotency.MarkCommittedAsync(idempotencyKey.Scope!, idempotencyKey.Key!, cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                if (endpointsChanged)
                {
                    subscriptions.Invalidate(); // this instance's next transaction sees the endpoint at once
                }

                idempotencyKey.Committed |= marking;
                await dispatcher.DispatchAsync(events, cancellationToken);
                return result;
            }
            catch (Exception ex) when (DbErrors.IsTransientConflict(ex))
            {
                await transaction.RollbackAsync(CancellationToken.None);
                if (attempt >= MaxAttempts)
                {
                    throw new ConcurrencyConflictException("The resource was changed by another request; try again.", ex);
                }

                logger.LogDebug("Concurrency conflict on attempt {Attempt}; retrying", attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 * attempt)), cancellationToken);
            }
            catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
            {
                await transaction.RollbackAsync(CancellationToken.None);
                throw new UniqueConstraintException("A resource with the same unique value already exists.", ex);
            }
            finally
            {
                _beforeCommit.Clear();
                foreach (var aggregate in db.ChangeTracker.Entries<AggregateRoot>())
                {
                    aggregate.Entity.ClearDomainEvents();
                }
            }
        }
    }

    /// <summary>
    /// Copies the raised domain events that have an outside effect (an <see cref="IOutboxHandler"/> or an outgoing
    /// webhook) into the outbox, inside the transaction about to commit. All of them are dispatched in-process after it.
    /// </summary>
    private async Task<List<IDomainEvent>> WriteOutboxAsync(CancellationToken cancellationToken)
    {
        var events = db.ChangeTracker.Entries<AggregateRoot>().SelectMany(e => e.Entity.DomainEvents).ToList();
        var wanted = events.Any(e => WebhookEventMap.Types.Contains(e.GetType().Name))
            ? await subscriptions.WantedAsync(db, cancellationToken)
            : _ => false;
        var written = events
            .Select(e => (Event: e, Handled: _subscribed.Contains(e.GetType().Name), Webhook: wanted(e.GetType().Name)))
            .Where(e => e.Handled || e.Webhook).ToList();
        // The webhook-only events of a transaction share one row (a PlaceOrder raises four); those a handler takes keep theirs.
        var webhookOnly = written.Where(w => !w.Handled).Select(w => w.Event).ToList();
        var rows = new List<Func<string, OutboxMessage>>();
        foreach (var w in written)
        {
            if (w.Handled)
            {
                rows.Add(id => OutboxMessage.For(w.Event, w.Webhook, handled: true, id));
            }
            else if (ReferenceEquals(w.Event, webhookOnly[0]))
            {
                rows.Add(id => webhookOnly.Count == 1 ? OutboxMessage.For(webhookOnly[0], webhook: true, handled: false, id) : OutboxMessage.ForWebhookBatch(webhookOnly, id));
            }
        }

        // UUIDv7 ids are random within a millisecond: sorted, then handed out in raise order, they keep that order.
        var ids = rows.Select(_ => Ids.New("evt")).Order(StringComparer.Ordinal).ToList();
        for (var i = 0; i < rows.Count; i++)
        {
            db.OutboxMessages.Add(rows[i](ids[i]));
        }

        return events;
    }
}
