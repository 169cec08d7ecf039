using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;

namespace CleanPrepay.Application.Orders.GetOrder;

internal sealed class GetOrderHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider time) : IQueryHandler<GetOrderQuery, OrderDto>
{
    public async Task<Result<OrderDto>> Handle(GetOrderQuery r, CancellationToken cancellationToken)
    {
        var order = await OrderReads.LoadAsync(db, r.OrderId, time.GetUtcNow(), cancellationToken);
        return order is null || (!user.IsAdmin && order.CustomerId != user.CustomerId) ? OrderReads.NotFound : order;
    }
}
