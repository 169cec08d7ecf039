using CleanPrepay.Domain.Subscriptions;

namespace CleanPrepay.Application.Abstractions.Persistence;

/// <summary>
/// GetPendingPrepayments' read, untracked. The adapter precompiles the shapes the back office asks
/// most (a status, then its pages; a status and a customer): on the list's hot path a LINQ query
/// rebuilt per request costs more CPU than the database spends answering it (ADR 0016).
/// </summary>
public interface IPrepaymentReads
{
    Task<List<Prepayment>> PageAsync(PrepaymentPageQuery query, CancellationToken cancellationToken);
}
