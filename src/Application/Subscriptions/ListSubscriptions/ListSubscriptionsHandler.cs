using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Customers;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Subscriptions.ListSubscriptions;

internal sealed class ListSubscriptionsHandler(IApplicationDbContext db) : IQueryHandler<ListSubscriptionsQuery, Page<SubscriptionDto>>
{
    public async Task<Result<Page<SubscriptionDto>>> Handle(ListSubscriptionsQuery r, CancellationToken ct)
    {
        if (!await db.Customers.AsNoTracking().AnyAsync(c => c.Id == r.CustomerId, ct))
        {
            return CustomerErrors.NotFound;
        }

        return await db.Subscriptions.AsNoTracking().Where(s => s.CustomerId == r.CustomerId)
            .PageByIdAsync(r.Limit, r.Cursor, s => SubscriptionDto.From(s, null, null, null), ct);
    }
}
