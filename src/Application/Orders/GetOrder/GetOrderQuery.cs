using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Orders.GetOrder;

public sealed record GetOrderQuery(string OrderId) : IQuery<OrderDto>;
