using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Customers;

namespace CleanPrepay.Application.Subscriptions.GetPendingPrepayments;

internal sealed class GetPendingPrepaymentsHandler(IPrepaymentReads reads, ICurrentUser user) : IQueryHandler<GetPendingPrepaymentsQuery, Page<PrepaymentDto>>
{
    public async Task<Result<Page<PrepaymentDto>>> Handle(GetPendingPrepaymentsQuery r, CancellationToken ct)
    {
        if (!user.TryScopeToCustomer(r.CustomerId, out var customerId))
        {
            return CustomerErrors.NotFound;
        }

        DateTimeOffset? afterAt = null;
        string? afterId = null;
        if (r.Cursor is not null && PrepaymentCursor.TryDecode(r.Cursor, out var at, out var id))
        {
            (afterAt, afterId) = (at, id);
        }

        var limit = r.Limit ?? Cursor.DefaultLimit;
        var rows = await reads.PageAsync(new PrepaymentPageQuery(r.Status, customerId, r.CreatedFrom, r.CreatedTo, afterAt, afterId, limit + 1), ct);
        var items = rows.Take(limit).ToList();
        return new Page<PrepaymentDto>(items.Select(PrepaymentDto.From).ToList(), rows.Count > limit ? PrepaymentCursor.Encode(items[^1]) : null);
    }
}
