using CleanPrepay.Domain.Settings;

namespace CleanPrepay.Domain.Subscriptions;

/// <summary>
/// The record that a customer had a plan's free trial (ADR 0028). Keyed by customer and
/// <see cref="Scope"/>, unique: the plan's id under <see cref="TrialPolicy.PerPlan"/>, <c>*</c> under
/// <see cref="TrialPolicy.PerMerchant"/>, so two racing starts cannot both take the one trial.
/// Never deleted: canceling the subscription does not give the trial back.
/// </summary>
public sealed class TrialGrant
{
    public const string AnyPlan = "*";

    private TrialGrant()
    {
    }

    public string CustomerId { get; private set; } = string.Empty;

    public string Scope { get; private set; } = string.Empty;

    public string PlanId { get; private set; } = string.Empty;

    public string SubscriptionId { get; private set; } = string.Empty;

    public DateTimeOffset GrantedAt { get; private set; }

    public static string ScopeFor(TrialPolicy policy, string planId) => policy == TrialPolicy.PerMerchant ? AnyPlan : planId;

    /// <summary>Whether the customer's earlier <paramref name="grants"/> use up the trial of <paramref name="planId"/> under <paramref name="policy"/>.</summary>
    public static bool Used(TrialPolicy policy, string planId, IEnumerable<TrialGrant> grants) =>
        policy == TrialPolicy.PerMerchant ? grants.Any() : grants.Any(g => g.PlanId == planId);

    public static TrialGrant Take(TrialPolicy policy, string customerId, string planId, string subscriptionId, DateTimeOffset now) => new()
    {
        CustomerId = customerId,
        Scope = ScopeFor(policy, planId),
        PlanId = planId,
        SubscriptionId = subscriptionId,
        GrantedAt = now,
    };
}
