using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Application.Abstractions.Risk;

/// <summary>What the server knows about a consumer asking to subscribe: who, where, to what, for how much.</summary>
public sealed record RiskSubject(string CustomerId, string? Country, string PlanId, Money Price);
