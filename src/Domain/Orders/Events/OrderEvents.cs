using CleanPrepay.Domain.Common;

namespace CleanPrepay.Domain.Orders.Events;

public sealed record OrderPaid(string OrderId, string CustomerId, long Total, string Currency, DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>A refund of the order was recorded; <see cref="Full"/> once nothing is left to refund.</summary>
public sealed record OrderRefunded(
    string OrderId, string CustomerId, long Amount, string Currency, long Credits, bool Full, DateTimeOffset OccurredAt) : IDomainEvent;
