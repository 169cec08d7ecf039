using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Customers;
using CleanPrepay.Domain.Orders;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Orders;

internal static class OrderReads
{
    public static readonly Error NotFound = Error.NotFound("The order");

    public static async Task<OrderDto?> LoadAsync(IApplicationDbContext db, string orderId, DateTimeOffset now, CancellationToken ct)
    {
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null)
        {
            return null;
        }

        var payment = order.PaymentId is null ? null : await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == order.PaymentId, ct);
        var accesses = await db.Accesses.AsNoTracking().Where(a => a.OrderId == order.Id).OrderBy(a => a.Id).ToListAsync(ct);
        return OrderDto.From(order, payment, accesses, now);
    }
}

public sealed record GetOrderQuery(string OrderId) : IQuery<OrderDto>;

internal sealed class GetOrderHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider time) : IQueryHandler<GetOrderQuery, OrderDto>
{
    public async Task<Result<OrderDto>> Handle(GetOrderQuery r, CancellationToken cancellationToken)
    {
        var order = await OrderReads.LoadAsync(db, r.OrderId, time.GetUtcNow(), cancellationToken);
        return order is null || (!user.IsAdmin && order.CustomerId != user.CustomerId) ? OrderReads.NotFound : order;
    }
}

/// <summary>Orders newest first. A customer sees only their own; naming another customer answers 404.</summary>
public sealed record ListOrdersQuery(string? CustomerId, OrderStatus? Status, int? Limit, string? Cursor) : IQuery<Page<OrderDto>>, IPagedQuery;

internal sealed class ListOrdersValidator : PagedQueryValidator<ListOrdersQuery>
{
    public ListOrdersValidator() => RuleFor(q => q.Status).IsInEnum();
}

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
