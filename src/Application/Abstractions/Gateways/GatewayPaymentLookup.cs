using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Application.Abstractions.Gateways;

/// <summary>Which payment to pull: ours and, once known, the provider's id for it.</summary>
public sealed record GatewayPaymentLookup(string PaymentId, string? ProviderReference, Money Amount);
