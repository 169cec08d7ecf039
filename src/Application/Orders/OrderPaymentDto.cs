using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Orders;
using CleanPrepay.Domain.Payments;

namespace CleanPrepay.Application.Orders;

public sealed record OrderPaymentDto(string Id, OrderPaymentMethod Method, string? Gateway, PaymentStatus Status, NextActionDto? NextAction, string? FailureCode)
{
    /// <summary>How the order is paid, with what the client must do next (a 3-D Secure redirect); the gateway only for gateway payments.</summary>
    public static OrderPaymentDto From(Order order, Payment payment) => new(
        payment.Id, order.PaymentMethod, order.PaymentMethod == OrderPaymentMethod.Gateway ? payment.Gateway : null, payment.Status,
        payment.NextActionType is { } t ? new NextActionDto(t, payment.NextActionUrl) : null, payment.FailureCode);
}
