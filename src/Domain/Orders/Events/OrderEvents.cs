using CleanPrepay.Domain.Common;

namespace CleanPrepay.Domain.Orders.Events;

public sealed record OrderPaid(string OrderId, string CustomerId, long Total, string Currency, DateTimeOffset OccurredAt) : IDomainEvent;
