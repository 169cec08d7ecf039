using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Coupons.Events;
using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Domain.Coupons;

public enum RedemptionStatus
{
    /// <summary>Attached to the account, waiting for the customer's next eligible order.</summary>
    Attached,

    /// <summary>Applied to an order (its discount is known) or to a subscription (its coming charges).</summary>
    Applied,
}

/// <summary>
/// One customer's redemption of one campaign (unique per campaign and customer: a customer redeems
/// a campaign once). The seeds' "cart rules used" of a customer account. An aggregate of its own: an
/// attached redemption is consumed by exactly one order, which its version guarantees under races.
/// </summary>
public sealed class CouponRedemption : AggregateRoot
{
    private CouponRedemption()
    {
    }

    public string CampaignId { get; private set; } = string.Empty;

    public string CampaignName { get; private set; } = string.Empty;

    /// <summary>The code as the customer typed it, normalised.</summary>
    public string Code { get; private set; } = string.Empty;

    public string CustomerId { get; private set; } = string.Empty;

    public RedemptionStatus Status { get; private set; }

    public string? OrderId { get; private set; }

    /// <summary>The subscription it discounts (its charges for the campaign's duration) or gave a free trial to.</summary>
    public string? SubscriptionId { get; private set; }

    /// <summary>The discount granted, tax-inclusive, in <see cref="Currency"/>; null until applied.</summary>
    public long? DiscountAmount { get; private set; }

    public string? Currency { get; private set; }

    public DateTimeOffset RedeemedAt { get; private set; }

    public DateTimeOffset? AppliedAt { get; private set; }

    public static CouponRedemption ForAccount(CouponCampaign campaign, string code, string customerId, DateTimeOffset now) =>
        Redeemed(New(campaign, code, customerId, now));

    private static CouponRedemption New(CouponCampaign campaign, string code, string customerId, DateTimeOffset now) => new()
    {
        Id = Ids.New("red"),
        CampaignId = campaign.Id,
        CampaignName = campaign.Name,
        Code = code,
        CustomerId = customerId,
        Status = RedemptionStatus.Attached,
        RedeemedAt = now,
    };

    public static CouponRedemption ForOrder(CouponCampaign campaign, string code, string customerId, string orderId, Money discount, DateTimeOffset now)
    {
        var redemption = New(campaign, code, customerId, now);
        redemption.ApplyTo(orderId, discount, now);
        return Redeemed(redemption);
    }

    /// <summary>Applied to a subscription's coming charges, or to its trial: no single order, no single discount.</summary>
    public static CouponRedemption ForSubscription(CouponCampaign campaign, string code, string customerId, string subscriptionId, DateTimeOffset now)
    {
        var redemption = New(campaign, code, customerId, now);
        redemption.Status = RedemptionStatus.Applied;
        redemption.SubscriptionId = subscriptionId;
        redemption.AppliedAt = now;
        return Redeemed(redemption);
    }

    private static CouponRedemption Redeemed(CouponRedemption r)
    {
        r.Raise(new CouponRedeemed(r.Id, r.CampaignId, r.Code, r.CustomerId, r.OrderId, r.SubscriptionId, r.DiscountAmount, r.Currency, r.RedeemedAt));
        return r;
    }

    /// <summary>An attached (account) coupon is taken by a new subscription (its trial or its coming charges).</summary>
    public void ApplyToSubscription(string subscriptionId, DateTimeOffset now)
    {
        Status = RedemptionStatus.Applied;
        SubscriptionId = subscriptionId;
        AppliedAt = now;
        Touch();
    }

    /// <summary>A new attempt at the order it discounted (a reissued prepayment order) carries it now.</summary>
    public void MovedTo(string orderId)
    {
        if (Status == RedemptionStatus.Applied && OrderId is not null)
        {
            OrderId = orderId;
            Touch();
        }
    }

    /// <summary>The order it was applied to is a subscription's first charge; the subscription keeps it for the charges that follow.</summary>
    public void KeptBy(string subscriptionId)
    {
        SubscriptionId = subscriptionId;
        Touch();
    }

    public void ApplyTo(string orderId, Money discount, DateTimeOffset now)
    {
        Touch();
        Status = RedemptionStatus.Applied;
        OrderId = orderId;
        DiscountAmount = discount.MinorUnits;
        Currency = discount.Currency.Code;
        AppliedAt = now;
    }

    /// <summary>A subscription charge this coupon discounted: the discount granted grows by <paramref name="discount"/> (the campaign's report counts it).</summary>
    public void Granted(Money discount, DateTimeOffset now)
    {
        if (Currency is not null && Currency != discount.Currency.Code)
        {
            throw new InvalidOperationException("A subscription's charges are all in its currency.");
        }

        DiscountAmount = (DiscountAmount ?? 0) + discount.MinorUnits;
        Currency = discount.Currency.Code;
        AppliedAt ??= now;
        Touch();
    }

    /// <summary>
    /// The order it was applied to failed to pay: the coupon goes back to the account, still redeemed
    /// by this customer, for their next eligible order. A declined card does not burn a coupon.
    /// Refused when it is not applied (already back on the account).
    /// </summary>
    public Result Release()
    {
        if (Status != RedemptionStatus.Applied)
        {
            return new Error("coupon_not_applied", "The coupon is not applied to an order.", ErrorKind.Conflict);
        }

        Status = RedemptionStatus.Attached;
        OrderId = null;
        DiscountAmount = null;
        Currency = null;
        AppliedAt = null;
        Touch();
        return Result.Success();
    }
}
