namespace CleanPrepay.Application.Abstractions.Persistence;

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
