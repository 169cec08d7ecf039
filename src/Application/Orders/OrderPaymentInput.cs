using CleanPrepay.Domain.Orders;

namespace CleanPrepay.Application.Orders;

/// <summary>How an order, a prepayment or a subscription is paid: wallet, credits, a gateway with a token (<c>save</c> keeps it), or a saved method.</summary>
public sealed record OrderPaymentInput(
    OrderPaymentMethod? Method, string? Gateway, string? PaymentMethod, string? ReturnUrl = null, string? SavedMethodId = null, bool? Save = null)
{
    public Payments.Charging.PaymentInput ToPaymentInput() =>
        new(Gateway, PaymentMethod, ReturnUrl, Method == OrderPaymentMethod.Saved ? Payments.Charging.ChargeMethod.Saved : Payments.Charging.ChargeMethod.Gateway, SavedMethodId, Save);

    /// <summary>This payment resolved: <c>method: saved</c> becomes the gateway payment on the saved method's own gateway (ADR 0038).</summary>
    internal static async Task<Domain.Common.Result<OrderPaymentInput?>> ResolveSavedAsync(
        OrderPaymentInput? payment, Payments.Charging.SavedMethodChoice choice, string customerId, CancellationToken ct)
    {
        if (payment is not { Method: OrderPaymentMethod.Saved, SavedMethodId: { } savedMethodId })
        {
            return payment;
        }

        var gateway = await choice.GatewayOfAsync(customerId, savedMethodId, ct);
        return gateway.IsSuccess ? payment with { Method = OrderPaymentMethod.Gateway, Gateway = gateway.Value, PaymentMethod = null, Save = null } : gateway.Error;
    }

    public override string ToString() => $"OrderPaymentInput {{ Method = {Method}, Gateway = {Gateway}, SavedMethodId = {SavedMethodId} }}";
}
