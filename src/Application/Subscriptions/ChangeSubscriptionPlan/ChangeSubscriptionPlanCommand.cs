using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Subscriptions.ChangeSubscriptionPlan;

/// <summary>
/// Upgrade or downgrade now. The new plan is charged from today exactly like a start: prorated to
/// its billing calendar and topped up to its minimum (ADR 0018). The days already paid that the new
/// plan charges for (from today when its first span is a full period, which includes today; from
/// tomorrow when it is a partial one, which does not) are credited to the wallet at the rate each
/// was paid, net of refunds (amount × unused days ÷ days of its span, rounded down). The charge uses the subscription's
/// payment method. From the wallet, the credit and the charge are one transaction. Through a
/// gateway, a declined charge leaves the new prepayment pending (<c>pending_prepayment</c>).
/// </summary>
public sealed record ChangeSubscriptionPlanCommand(string SubscriptionId, string? PlanId) : IPhasedCommand<SubscriptionDto>;
