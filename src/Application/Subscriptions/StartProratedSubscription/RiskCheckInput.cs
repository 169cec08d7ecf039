using CleanPrepay.Domain.Subscriptions;

namespace CleanPrepay.Application.Subscriptions.StartProratedSubscription;

public sealed record RiskCheckInput(RiskOutcome? Outcome);
