using CleanPrepay.Domain.PaymentMethods;

namespace CleanPrepay.Application.Abstractions.Gateways;

/// <summary>The provider's references to a saved method: what an off-session charge or a revocation names.</summary>
public sealed record GatewaySavedMethod(string? ProviderCustomerId, string ProviderMethodId, SavedMethodKind Kind)
{
    public override string ToString() => $"GatewaySavedMethod {{ Kind = {Kind} }}";
}
