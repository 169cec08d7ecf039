using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Coupons;
using CleanPrepay.Domain.Accesses;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Coupons;
using CleanPrepay.Domain.Subscriptions;
using Microsoft.EntityFrameworkCore;
using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Application.Subscriptions;

/// <summary>
/// Coupons on subscriptions (issue 4). A percentage or amount coupon discounts the subscription's
/// coming charges for its duration: the next one (<c>once</c>), those whose period starts within N
/// months of the next one (<c>repeating</c>), or all of them (<c>forever</c>). A free-trial coupon
/// grants a trial to a new subscription or extends a running trial.
/// </summary>
internal sealed class SubscriptionCoupons(IApplicationDbContext db, CouponRedeemer redeemer)
{
    /// <summary>Why <paramref name="campaign"/> does not apply to a subscription of <paramref name="planId"/> priced <paramref name="price"/>; null when it does.</summary>
    public static Error? Refusal(CouponCampaign campaign, string code, string planId, Money price)
    {
        if (campaign.AppliesTo == CouponScope.Order)
        {
            return CouponRedeemer.Invalid($"The coupon code '{code}' applies to orders, not to subscriptions.");
        }

        if (!campaign.CoversPlan(planId))
        {
            return CouponRedeemer.Invalid($"The coupon code '{code}' applies to subscriptions of other plans.");
        }

        return campaign.Kind != CouponKind.FreeTrial && campaign.DiscountOn(price) is null
            ? CouponRedeemer.Invalid($"The coupon code '{code}' has no amount off in {price.Currency.Code}.")
            : null;
    }

    /// <summary>The charges from <paramref name="first"/> that the coupon covers, as the subscription's "until" (exclusive; null = forever).</summary>
    public static void Keep(Subscription subscription, CouponCampaign campaign, string code, DateOnly first, DateTimeOffset now)
    {
        var until = campaign.Duration switch
        {
            CouponDuration.Once => first.AddDays(1),
            CouponDuration.Repeating => first.AddMonths(campaign.DurationInMonths ?? 1),
            _ => (DateOnly?)null,
        };
        subscription.AttachCoupon(campaign.Id, code, until, now);
    }

    /// <summary>
    /// A coupon redeemed on a subscription's first charge: a repeating or forever one keeps discounting
    /// the charges after it (a once coupon was used up by that charge).
    /// </summary>
    public static void KeepForRenewals(Subscription subscription, CouponCampaign campaign, string code, DateOnly firstDay, DateTimeOffset now)
    {
        if (campaign.Duration != CouponDuration.Once)
        {
            Keep(subscription, campaign, code, firstDay, now);
        }
    }

    /// <summary>
    /// Finds, checks and claims <paramref name="rawCode"/> for <paramref name="subscription"/> (one coupon per subscription),
    /// then extends its trial or keeps the discount for its coming charges.
    /// </summary>
    public async Task<Result<CouponRedemption>> ApplyAsync(string rawCode, Subscription subscription, DateTimeOffset now, CancellationToken ct)
    {
        if (!subscription.IsOpen)
        {
            return CouponRedeemer.Invalid("The subscription is canceled: a coupon applies to an open subscription.");
        }

        if (subscription.CouponCampaignId is not null)
        {
            return CouponRedeemer.Invalid("The subscription already has a coupon: one coupon per subscription.");
        }

        var found = await redeemer.FindAsync(rawCode, subscription.CustomerId, now, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var (campaign, code) = found.Value;
        if (Refusal(campaign, code.Code, subscription.PlanId, subscription.Price) is { } refusal)
        {
            return refusal;
        }

        if (campaign.Kind == CouponKind.FreeTrial && subscription.Status != SubscriptionStatus.Trialing)
        {
            return CouponRedeemer.Invalid($"The coupon code '{code.Code}' is a free trial: it applies to a new or a trialing subscription, and this one is {subscription.Status.ToString().ToLowerInvariant()}.");
        }

        var claimed = await redeemer.ClaimAsync(campaign, code, subscription.CustomerId, now, ct);
        if (!claimed.IsSuccess)
        {
            return claimed.Error!;
        }

        if (campaign.Kind == CouponKind.FreeTrial)
        {
            var plan = await db.Plans.AsNoTracking().FirstAsync(p => p.Id == subscription.PlanId, ct);
            subscription.ExtendTrial(plan, campaign.FreeTrialDays!.Value, now);
            foreach (var trial in await db.Accesses.Where(a => a.SubscriptionId == subscription.Id && a.OrderId == null).ToListAsync(ct))
            {
                trial.ExtendTo(Subscription.StartOf(subscription.TrialEndsOn!.Value));
            }

            subscription.AttachCoupon(campaign.Id, code.Key, subscription.TrialEndsOn, now);
        }
        else
        {
            Keep(subscription, campaign, code.Key, subscription.NextChargeFrom, now);
        }

        var redemption = CouponRedemption.ForSubscription(campaign, code.Key, subscription.CustomerId, subscription.Id, now);
        db.CouponRedemptions.Add(redemption);
        return redemption;
    }
}
