using CleanPrepay.Domain.Orders;

namespace CleanPrepay.Application.Orders;

public sealed record OrderPaymentInput(OrderPaymentMethod? Method, string? Gateway, string? PaymentMethod, string? ReturnUrl = null)
{
    public override string ToString() => $"OrderPaymentInput {{ Method = {Method}, Gateway = {Gateway} }}";
}
