using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Subscriptions.ChangeSubscriptionPlan;

/// <summary>
/// Upgrade or downgrade now: the new plan is charged from today like a start, and the paid days it
/// overlaps are credited to the wallet (docs/spec/subscriptions.md#plan-changes).
/// </summary>
public sealed record ChangeSubscriptionPlanCommand(string SubscriptionId, string? PlanId) : IPhasedCommand<SubscriptionDto>;
