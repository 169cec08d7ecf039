using CleanPrepay.Domain.Accesses.Events;
using CleanPrepay.Domain.Common;

namespace CleanPrepay.Domain.Accesses;

public enum AccessKind
{
    Rental,
    Purchase,
    Subscription,
    Manual,
}

/// <summary>
/// The right to watch: one video (rental, purchase, manual) or the catalogue (subscription, or a
/// manual grant of a plan), from <see cref="StartsAt"/> until <see cref="ExpiresAt"/> (null = never).
/// </summary>
public sealed class Access : AggregateRoot
{
    private Access()
    {
    }

    public string CustomerId { get; private set; } = string.Empty;

    public AccessKind Kind { get; private set; }

    public string? VideoId { get; private set; }

    public string? PlanId { get; private set; }

    public string? OrderId { get; private set; }

    /// <summary>The subscription whose paid (or trial) days this access covers.</summary>
    public string? SubscriptionId { get; private set; }

    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset? ExpiresAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public string? Reason { get; private set; }

    public string? GrantedBy { get; private set; }

    public static Access Grant(
        string customerId, AccessKind kind, string? videoId, string? planId, string? orderId, DateTimeOffset startsAt,
        DateTimeOffset? expiresAt, string? reason = null, string? grantedBy = null, string? subscriptionId = null, DateTimeOffset? grantedAt = null)
    {
        var access = new Access
        {
            Id = Ids.New("acc"),
            CustomerId = customerId,
            Kind = kind,
            VideoId = videoId,
            PlanId = planId,
            OrderId = orderId,
            StartsAt = startsAt,
            ExpiresAt = expiresAt,
            Reason = reason,
            GrantedBy = grantedBy,
            SubscriptionId = subscriptionId,
        };
        access.Raise(new AccessGranted(
            access.Id, customerId, kind, videoId, planId, orderId, subscriptionId, startsAt, expiresAt, grantedAt ?? startsAt));
        return access;
    }

    public bool IsActiveAt(DateTimeOffset now) =>
        RevokedAt is null && StartsAt <= now && (ExpiresAt is null || ExpiresAt > now);

    /// <summary>Ends the access at <paramref name="end"/> if it would run longer (a subscription canceled now).</summary>
    public void EndAt(DateTimeOffset end)
    {
        if (ExpiresAt is null || ExpiresAt > end)
        {
            ExpiresAt = end < StartsAt ? StartsAt : end;
            Touch();
        }
    }

    /// <summary>Lets the access run until <paramref name="end"/> (a longer trial).</summary>
    public void ExtendTo(DateTimeOffset end)
    {
        if (ExpiresAt is not null && ExpiresAt < end)
        {
            ExpiresAt = end;
            Touch();
        }
    }

    public void Revoke(DateTimeOffset now)
    {
        if (RevokedAt is not null)
        {
            return;
        }

        RevokedAt = now;
        Touch();
        Raise(new AccessRevoked(Id, CustomerId, Kind, VideoId, PlanId, OrderId, now));
    }
}
