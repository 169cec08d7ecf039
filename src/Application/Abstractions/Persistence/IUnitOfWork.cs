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

/// <summary>The two typed forms of <see cref="IUnitOfWork.ExecuteAsync{TResult}"/>: the refusal is built statically.</summary>
public static class UnitOfWorkExtensions
{
    public static Task<Result<T>> ExecuteAsync<T>(this IUnitOfWork unitOfWork, Func<CancellationToken, Task<Result<T>>> work, CancellationToken cancellationToken) =>
        unitOfWork.ExecuteAsync(work, Result<T>.Failure, cancellationToken);

    public static Task<Result> ExecuteAsync(this IUnitOfWork unitOfWork, Func<CancellationToken, Task<Result>> work, CancellationToken cancellationToken) =>
        unitOfWork.ExecuteAsync(work, Result.Failure, cancellationToken);
}

/// <summary>Loads a wallet with its pockets and, where the database supports it, its row lock, in one round trip.</summary>
public interface IWalletStore
{
    Task<Domain.Wallets.Wallet?> LoadForUpdateAsync(string customerId, CancellationToken cancellationToken);

    /// <summary>
    /// The wallets of many customers, each locked, in two statements whatever their number (a renewal
    /// batch): the locks are taken in id order, so two workers never wait on each other in a cycle.
    /// </summary>
    Task<Dictionary<string, Domain.Wallets.Wallet>> LoadManyForUpdateAsync(IReadOnlyCollection<string> customerIds, CancellationToken cancellationToken);
}

/// <summary>Pessimistic row locks for the aggregates money moves through (a no-op where the database has one writer).</summary>
public interface IRowLocker
{
    /// <summary>Locks the rows of <typeparamref name="TEntity"/> whose <paramref name="property"/> equals <paramref name="value"/> until the transaction ends.</summary>
    Task LockAsync<TEntity>(string property, string value, CancellationToken cancellationToken)
        where TEntity : class;

    /// <summary>
    /// Holds off every other insert, update and delete on <typeparamref name="TEntity"/>'s table until
    /// the transaction ends, after waiting for those in flight: for a count that must stay true (rare
    /// admin actions only).
    /// </summary>
    Task LockTableAgainstWritesAsync<TEntity>(CancellationToken cancellationToken)
        where TEntity : class;
}
