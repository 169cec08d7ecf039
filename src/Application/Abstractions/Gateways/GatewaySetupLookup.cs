using CleanPrepay.Domain.PaymentMethods;

namespace CleanPrepay.Application.Abstractions.Gateways;

/// <summary>A set-up to ask about: our id, the provider's set-up object and customer.</summary>
public sealed record GatewaySetupLookup(string SavedMethodId, string? SetupReference, string? ProviderCustomerId, SavedMethodKind Kind);
