using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Coupons;
using CleanPrepay.Domain.Customers;
using CleanPrepay.Domain.Orders;
using Microsoft.EntityFrameworkCore;
using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Application.Coupons;

/// <summary>
/// Finds, checks and claims coupon codes inside the caller's unit of work. Every refusal is 422
/// <c>coupon_invalid</c> with a detail that says which rule refused it. The limits that concurrent
/// requests race for are enforced by the database, not by a read: the campaign's cap with a
/// conditional increment, a bulk code's single use with a conditional update, and "one campaign per
/// customer" with a unique index on redemptions.
/// </summary>
public sealed class CouponRedeemer(IApplicationDbContext db, ICouponReads reads, IUnitOfWork unitOfWork)
{
    public static Error Invalid(string detail) => new("coupon_invalid", detail, ErrorKind.Unprocessable);

    /// <summary>The code's campaign, if the code exists and it may be redeemed by <paramref name="customerId"/> now.</summary>
    public async Task<Result<(CouponCampaign Campaign, CouponCode Code)>> FindAsync(string rawCode, string customerId, DateTimeOffset now, CancellationToken ct)
    {
        var key = CouponCode.Normalize(rawCode);
        var found = key.Length == 0 ? null : await reads.FindAsync(key, customerId, ct);
        if (found is null)
        {
            return await db.Customers.AsNoTracking().AnyAsync(c => c.Id == customerId, ct)
                ? Invalid($"The coupon code '{rawCode}' is unknown.")
                : CustomerErrors.NotFound;
        }

        var (code, campaign) = (found.Code, found.Campaign);
        if (!found.CustomerExists)
        {
            return CustomerErrors.NotFound;
        }

        if (campaign.Refusal(now) is { } refusal)
        {
            return Invalid($"The coupon code '{code.Code}' {refusal}.");
        }

        if (code.Bulk && code.RedeemedAt is not null)
        {
            return Invalid($"The coupon code '{code.Code}' has already been redeemed.");
        }

        if (found.AlreadyRedeemed)
        {
            return Invalid($"The customer has already redeemed the campaign of '{code.Code}'.");
        }

        return (campaign, code);
    }

    /// <summary>The discount <paramref name="campaign"/> gives <paramref name="order"/>, and the lines it covers; or why it does not apply.</summary>
    public static Result<(Money Discount, Func<OrderLine, bool> Eligible)> ForOrder(CouponCampaign campaign, Order order, string code)
    {
        if (order.PaymentMethod == OrderPaymentMethod.Credits)
        {
            return Invalid($"The coupon code '{code}' cannot apply to an order paid with credits.");
        }

        if (campaign.Kind == CouponKind.FreeTrial)
        {
            return Invalid($"The coupon code '{code}' is a free trial: it applies to subscriptions, not to an order's price.");
        }

        Func<OrderLine, bool> eligible = line => campaign.Discounts(line.Kind, line.ItemId);
        var lines = order.Lines.Where(eligible).ToList();
        if (lines.Count == 0)
        {
            return Invalid(
                campaign.AppliesTo != CouponScope.Subscription
                    ? $"The coupon code '{code}' does not discount prepayment packages (unless its campaign names them), and the order holds nothing else."
                    : campaign.PlanIds.Count == 0
                        ? $"The coupon code '{code}' applies to subscriptions, and the order holds none."
                        : $"The coupon code '{code}' applies to subscriptions of other plans.");
        }

        var eligibleGross = new Money(lines.Sum(l => l.Price), order.Currency);
        if (campaign.DiscountOn(eligibleGross) is not { } discount)
        {
            return Invalid($"The coupon code '{code}' has no amount off in {order.Currency.Code}.");
        }

        return (discount, eligible);
    }

    /// <summary>
    /// Claims one redemption. The cap is a conditional increment just before the commit, so racing
    /// redemptions hold the campaign's lock for the commit only (docs/spec/coupons.md#racing-limits).
    /// </summary>
    public async Task<Result> ClaimAsync(CouponCampaign campaign, CouponCode code, string customerId, DateTimeOffset now, CancellationToken ct)
    {
        if (code.Bulk)
        {
            var taken = await db.CouponCodes
                .Where(c => c.Key == code.Key && c.RedeemedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.RedeemedBy, customerId).SetProperty(c => c.RedeemedAt, now), ct);
            if (taken == 0)
            {
                return Invalid($"The coupon code '{code.Code}' has already been redeemed.");
            }
        }

        unitOfWork.BeforeCommit(async c =>
        {
            var cap = campaign.MaxRedemptions;
            if (cap is null)
            {
                var current = await reads.CapAsync(campaign.Id, c);
                if (current.ExpiredAt is not null)
                {
                    return Invalid($"The coupon code '{code.Code}' has been expired and not restored.");
                }

                if (current.MaxRedemptions is null)
                {
                    return null;
                }

                cap = current.MaxRedemptions;
            }

            var claimed = await db.CouponCampaigns
                .Where(x => x.Id == campaign.Id && x.ExpiredAt == null && x.MaxRedemptions != null && x.Redemptions < x.MaxRedemptions)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Redemptions, x => x.Redemptions + 1), c);
            return claimed == 0 ? Invalid($"The coupon code '{code.Code}' has reached its {cap} redemption(s).") : null;
        });
        return Result.Success();
    }

    /// <summary>Finds, checks against the order, claims and applies <paramref name="rawCode"/> to <paramref name="order"/>.</summary>
    public async Task<Result<CouponRedemption>> RedeemOnOrderAsync(string rawCode, Order order, DateTimeOffset now, CancellationToken ct)
    {
        var found = await FindAsync(rawCode, order.CustomerId, now, ct);
        return found.IsSuccess ? await RedeemOnOrderAsync(found.Value.Campaign, found.Value.Code, order, now, ct) : found.Error;
    }

    /// <summary>Checks a code <see cref="FindAsync"/> found against the order, claims it and applies it.</summary>
    public async Task<Result<CouponRedemption>> RedeemOnOrderAsync(CouponCampaign campaign, CouponCode code, Order order, DateTimeOffset now, CancellationToken ct)
    {
        var terms = ForOrder(campaign, order, code.Code);
        if (!terms.IsSuccess)
        {
            return terms.Error;
        }

        var claimed = await ClaimAsync(campaign, code, order.CustomerId, now, ct);
        if (!claimed.IsSuccess)
        {
            return claimed.Error!;
        }

        var applied = order.ApplyCoupon(code.Key, terms.Value.Discount, terms.Value.Eligible);
        if (!applied.IsSuccess)
        {
            return applied.Error;
        }

        var redemption = CouponRedemption.ForOrder(campaign, code.Key, order.CustomerId, order.Id, terms.Value.Discount, now);
        db.CouponRedemptions.Add(redemption);
        return redemption;
    }

    /// <summary>
    /// Applies the customer's oldest coupon attached to the account that fits <paramref name="order"/>,
    /// if any: one still redeemable whose scope and currency match. Others stay attached.
    /// </summary>
    public async Task<Result<CouponRedemption?>> ApplyAttachedAsync(Order order, DateTimeOffset now, CancellationToken ct)
    {
        var attached = await db.CouponRedemptions
            .Where(r => r.CustomerId == order.CustomerId && r.Status == RedemptionStatus.Attached)
            .OrderBy(r => r.RedeemedAt).ThenBy(r => r.Id)
            .ToListAsync(ct);
        foreach (var redemption in attached)
        {
            var campaign = await db.CouponCampaigns.AsNoTracking().FirstAsync(c => c.Id == redemption.CampaignId, ct);
            var terms = campaign.ExpiredAt is null ? ForOrder(campaign, order, redemption.Code) : null;
            if (terms is not { IsSuccess: true })
            {
                continue;
            }

            var (discount, eligible) = terms.Value;
            var applied = order.ApplyCoupon(redemption.Code, discount, eligible);
            if (!applied.IsSuccess)
            {
                return applied.Error;
            }

            redemption.ApplyTo(order.Id, discount, now);
            await CountAttachedAsync(db, order.CustomerId, -1, ct);
            return redemption;
        }

        return (CouponRedemption?)null;
    }

    /// <summary>Moves the customer's <see cref="Customer.AttachedCoupons"/> counter by <paramref name="by"/>, atomically, in the unit of work.</summary>
    public static Task CountAttachedAsync(IApplicationDbContext db, string customerId, int by, CancellationToken ct) =>
        db.Customers.Where(c => c.Id == customerId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.AttachedCoupons, c => c.AttachedCoupons + by), ct);
}
