using CleanPrepay.Domain.Subscriptions;

namespace CleanPrepay.Application.Abstractions.Persistence;

/// <summary>A page of the prepayments list, newest first, filtered and after a keyset cursor.</summary>
public sealed record PrepaymentPageQuery(
    PrepaymentStatus? Status, string? CustomerId, DateTimeOffset? CreatedFrom, DateTimeOffset? CreatedTo, DateTimeOffset? AfterCreatedAt, string? AfterId, int Take);

/// <summary>
/// GetPendingPrepayments' read, untracked. The adapter precompiles the shapes the back office asks
/// most (a status, then its pages; a status and a customer): on the list's hot path a LINQ query
/// rebuilt per request costs more CPU than the database spends answering it (ADR 0016).
/// </summary>
public interface IPrepaymentReads
{
    Task<List<Prepayment>> PageAsync(PrepaymentPageQuery query, CancellationToken cancellationToken);
}
