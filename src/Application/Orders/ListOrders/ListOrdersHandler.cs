using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Customers;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Orders.ListOrders;

internal sealed class ListOrdersHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider time) : IQueryHandler<ListOrdersQuery, Page<OrderDto>>
{
    public async Task<Result<Page<OrderDto>>> Handle(ListOrdersQuery r, CancellationToken cancellationToken)
    {
        if (!user.TryScopeToCustomer(r.CustomerId, out var customerId))
        {
            return CustomerErrors.NotFound;
        }

        var limit = r.Limit ?? Cursor.DefaultLimit;
        var query = db.Orders.AsNoTracking().Include(o => o.Lines).AsQueryable();
        if (customerId is not null)
        {
            query = query.Where(o => o.CustomerId == customerId);
        }

        if (r.Status is { } status)
        {
            query = query.Where(o => o.Status == status);
        }

        if (Cursor.TryDecode(r.Cursor, out var after))
        {
            query = query.Where(o => string.Compare(o.Id, after) < 0);
        }

        var orders = await query.OrderByDescending(o => o.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var ids = orders.Select(o => o.Id).ToList();
        var paymentIds = orders.Where(o => o.PaymentId != null).Select(o => o.PaymentId!).ToList();
        var payments = await db.Payments.AsNoTracking().Where(p => paymentIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var accesses = (await db.Accesses.AsNoTracking().Where(a => a.OrderId != null && ids.Contains(a.OrderId)).ToListAsync(cancellationToken))
            .ToLookup(a => a.OrderId!);
        var now = time.GetUtcNow();
        return Cursor.ToPage(orders, limit, o => o.Id, o => OrderDto.From(o, o.PaymentId is null ? null : payments.GetValueOrDefault(o.PaymentId), accesses[o.Id], now));
    }
}
