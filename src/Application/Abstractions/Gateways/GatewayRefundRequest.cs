using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Application.Abstractions.Gateways;

/// <summary>A refund of part or all of a captured payment.</summary>
public sealed record GatewayRefundRequest(string RefundId, string ProviderReference, Money Amount, string IdempotencyKey);
