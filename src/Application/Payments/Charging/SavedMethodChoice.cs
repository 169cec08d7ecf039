using CleanPrepay.Domain.Common;

namespace CleanPrepay.Application.Payments.Charging;

/// <summary>
/// A payment with <c>method: saved</c> as the gateway payment it is: the saved method's gateway, no token,
/// the saved id kept for the charge. Only the customer's own, only an active one (ADR 0038).
/// </summary>
internal sealed class SavedMethodChoice(ISavedMethods savedMethods)
{
    public Task<Result<string>> GatewayOfAsync(string customerId, string savedMethodId, CancellationToken ct) =>
        savedMethods.UsableGatewayAsync(customerId, savedMethodId, ct);

    /// <summary>A top-up's payment resolved; any payment not naming a saved method is answered as given.</summary>
    public async Task<Result<PaymentInput?>> ResolveAsync(PaymentInput? payment, string customerId, CancellationToken ct)
    {
        if (payment is not { Method: ChargeMethod.Saved, SavedMethodId: { } savedMethodId })
        {
            return payment;
        }

        var gateway = await GatewayOfAsync(customerId, savedMethodId, ct);
        return gateway.IsSuccess
            ? payment with { Method = ChargeMethod.Gateway, Gateway = gateway.Value, PaymentMethod = null, Save = null }
            : gateway.Error;
    }
}
