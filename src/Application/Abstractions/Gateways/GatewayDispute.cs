using CleanPrepay.Domain.Payments;

namespace CleanPrepay.Application.Abstractions.Gateways;

/// <summary>A provider's dispute in the neutral vocabulary: its id, where it stands, the amount in minor units, the bank's reason.</summary>
public sealed record GatewayDispute(string DisputeId, DisputeStatus Status, long Amount, string? Reason);
