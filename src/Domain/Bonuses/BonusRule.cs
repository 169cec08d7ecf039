using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Domain.Bonuses;

public enum BonusTrigger
{
    SubscriptionPurchased,
}

/// <summary>A gift on a purchase (kinow-prepayment): an annual subscription grants 12 credits.</summary>
public sealed class BonusRule : AggregateRoot
{
    private BonusRule()
    {
    }

    public BonusTrigger Trigger { get; private set; }

    /// <summary>Only this plan, or any plan when null.</summary>
    public string? PlanId { get; private set; }

    public long? GrantCredits { get; private set; }

    public Money? GrantAmount { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? DeletedAt { get; private set; }

    public static BonusRule Create(BonusTrigger trigger, string? planId, long? credits, Money? amount, DateTimeOffset now) => new()
    {
        Id = Ids.New("bon"),
        Trigger = trigger,
        PlanId = planId,
        GrantCredits = credits,
        GrantAmount = amount,
        CreatedAt = now,
    };

    public bool Matches(string planId) => DeletedAt is null && (PlanId is null || PlanId == planId);

    public void Delete(DateTimeOffset now)
    {
        DeletedAt = now;
        Touch();
    }
}
