using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
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
