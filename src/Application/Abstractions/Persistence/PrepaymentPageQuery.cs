using CleanPrepay.Domain.Subscriptions;

namespace CleanPrepay.Application.Abstractions.Persistence;

/// <summary>A page of the prepayments list, newest first, filtered and after a keyset cursor.</summary>
public sealed record PrepaymentPageQuery(
    PrepaymentStatus? Status, string? CustomerId, DateTimeOffset? CreatedFrom, DateTimeOffset? CreatedTo, DateTimeOffset? AfterCreatedAt, string? AfterId, int Take);
