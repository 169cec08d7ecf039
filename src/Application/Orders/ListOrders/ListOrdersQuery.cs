using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Orders;

namespace CleanPrepay.Application.Orders.ListOrders;

/// <summary>Orders newest first. A customer sees only their own; naming another customer answers 404.</summary>
public sealed record ListOrdersQuery(string? CustomerId, OrderStatus? Status, int? Limit, string? Cursor) : IQuery<Page<OrderDto>>, IPagedQuery;
