using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Domain.Orders;

/// <summary>The expected refusals of an <see cref="Order"/>, each with a stable code.</summary>
public static class OrderErrors
{
    public static readonly Error ClosedForCoupon =
        new("coupon_invalid", "The order already has a coupon or is no longer awaiting payment.", ErrorKind.Unprocessable);

    public static Error NotAwaitingPayment(OrderStatus status) =>
        new("order_not_awaiting_payment", $"The order is {Name(status)}, not awaiting payment.", ErrorKind.Conflict);

    public static Error NotPending(OrderStatus status) =>
        new("order_not_pending", $"The order is {Name(status)}, not pending.", ErrorKind.Conflict);

    public static Error NotRefundable(OrderStatus status) =>
        new("order_not_refundable", $"The order is {Name(status)}: only a paid order can be refunded.", ErrorKind.Conflict);

    public static Error RefundExceedsOrder(Money amount, long credits) =>
        new("refund_exceeds_order", $"At most {amount.MinorUnits} minor units and {credits} credits of this order can still be refunded.", ErrorKind.Unprocessable);

    private static string Name(OrderStatus status) => status.ToString().ToLowerInvariant();
}
