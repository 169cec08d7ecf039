using CleanPrepay.Domain.Common;

namespace CleanPrepay.Application.Abstractions.Persistence;

/// <summary>
/// Runs <c>work</c> in one database transaction. On success it saves, writes the raised domain
/// events to the outbox in the same transaction, commits, and only then dispatches them. A failed
/// result rolls back, so a refused request changes nothing. Concurrency conflicts are retried by
/// running <c>work</c> again from a clean slate, a bounded number of times.
/// </summary>
public interface IUnitOfWork
{
    /// <summary>
    /// The core form: <paramref name="refuse"/> builds the failed result of the caller's own type when a
    /// pre-commit check refuses, so no refusal is ever cast from one result type to another.
    /// </summary>
    Task<TResult> ExecuteAsync<TResult>(Func<CancellationToken, Task<TResult>> work, Func<Error, TResult> refuse, CancellationToken cancellationToken)
        where TResult : Result;

    /// <summary>
    /// Registers a check to run inside the current transaction after its changes are saved and just
    /// before it commits: the place for a conditional update of a contended row (a coupon cap), so its
    /// lock is held for the commit only. An error rolls the whole unit back and becomes its result.
    /// Registered checks are dropped when an attempt ends (a retry runs <c>work</c> and registers again).
    /// </summary>
    void BeforeCommit(Func<CancellationToken, Task<Error?>> check);
}
