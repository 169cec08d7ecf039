using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Subscriptions;

namespace CleanPrepay.Application.Subscriptions.GetPendingPrepayments;

/// <summary>
/// GetPendingPrepayments: prepayments newest first (by creation instant, then id), filtered by status,
/// customer and a creation range [createdFrom, createdTo). A customer sees only their own.
/// </summary>
public sealed record GetPendingPrepaymentsQuery(
    PrepaymentStatus? Status, string? CustomerId, DateTimeOffset? CreatedFrom, DateTimeOffset? CreatedTo, int? Limit, string? Cursor)
    : IQuery<Page<PrepaymentDto>>, IPagedQuery;
