using CleanPrepay.Domain.Subscriptions;

namespace CleanPrepay.Application.Abstractions.Risk;

/// <summary>
/// The server-side risk check of riverty-prepayment: decides whether a consumer is approved or must
/// prepay. The customer never decides it; only this port or an admin does (ADR 0028). Null: no check
/// ran, which the subscription flow treats as approved.
/// </summary>
public interface IRiskAssessment
{
    Task<RiskOutcome?> AssessAsync(RiskSubject subject, CancellationToken cancellationToken);
}
