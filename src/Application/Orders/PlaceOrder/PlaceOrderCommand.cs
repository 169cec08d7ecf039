using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Orders.PlaceOrder;

/// <summary>
/// PlaceOrder: videos to rent or buy, plans and packages, paid from the wallet, with credits, or
/// through a gateway. The order is in one currency (given, or the first item's main price currency).
/// </summary>
public sealed record PlaceOrderCommand(
    string CustomerId, IReadOnlyList<OrderItemInput?>? Items, string? Currency, string? CouponCode, OrderPaymentInput? Payment)
    : IPhasedCommand<OrderDto>, ICustomerSpendingCheckedInItsUnitOfWork;
