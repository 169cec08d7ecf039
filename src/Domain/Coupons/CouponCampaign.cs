using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Domain.Coupons;

public enum CouponKind
{
    PercentOff,
    AmountOff,
    FreeTrial,
}

/// <summary>How long a discount lasts on a subscription: its first charge, N months of renewals, or for ever.</summary>
public enum CouponDuration
{
    Once,
    Repeating,
    Forever,
}

/// <summary>What a coupon discounts: one order, a subscription (optionally only some plans), or the account's next eligible purchase.</summary>
public enum CouponScope
{
    Order,
    Subscription,
    Account,
}

/// <summary>The terms a campaign is created with; checked by <see cref="CouponCampaign.Create"/>.</summary>
public sealed record CouponTerms(
    string Name,
    int? PercentOffBasisPoints,
    IReadOnlyList<Money>? AmountOff,
    int? FreeTrialDays,
    CouponDuration Duration,
    int? DurationInMonths,
    CouponScope AppliesTo,
    IReadOnlyList<string>? PlanIds,
    int? MaxRedemptions,
    DateTimeOffset? RedeemBy,
    IReadOnlyList<string>? PackageIds = null);

/// <summary>
/// A coupon campaign: the discount, its duration and scope, and its redemption limits. Its codes are
/// either one shared code for mass distribution or bulk unique codes, each redeemable once.
/// A capped campaign counts its redemptions in <see cref="Redemptions"/>, and the database enforces the
/// cap with a conditional increment (<c>… WHERE redemptions &lt; max_redemptions</c>), never by reading
/// it first. An uncapped campaign keeps no counter (its row is not a hot spot); reports count rows.
/// </summary>
public sealed class CouponCampaign : AggregateRoot
{
    public const int MaxPercentOffBasisPoints = 10_000;

    private CouponCampaign()
    {
    }

    public string Name { get; private set; } = string.Empty;

    public CouponKind Kind { get; private set; }

    /// <summary>Percentage off in basis points: 2500 is 25 %, 10 000 is everything.</summary>
    public int? PercentOffBasisPoints { get; private set; }

    /// <summary>A fixed amount off, one per currency.</summary>
    public IReadOnlyList<Money> AmountOff { get; private set; } = [];

    public int? FreeTrialDays { get; private set; }

    public CouponDuration Duration { get; private set; }

    public int? DurationInMonths { get; private set; }

    public CouponScope AppliesTo { get; private set; }

    /// <summary>For a subscription coupon, the plans it is limited to (empty: every plan).</summary>
    public IReadOnlyList<string> PlanIds { get; private set; } = [];

    /// <summary>
    /// The prepayment packages an order or account coupon discounts. Empty (the default): none, since a
    /// discounted package creates stored value nobody paid for (ADR 0026). Unlike <see cref="PlanIds"/>,
    /// empty never means "all".
    /// </summary>
    public IReadOnlyList<string> PackageIds { get; private set; } = [];

    public int? MaxRedemptions { get; private set; }

    public DateTimeOffset? RedeemBy { get; private set; }

    /// <summary>The single shared code, as given; null for a campaign of bulk codes.</summary>
    public string? Code { get; private set; }

    public bool Bulk { get; private set; }

    /// <summary>Redemptions counted against the cap; maintained only while the campaign has one (ADR 0017).</summary>
    public int Redemptions { get; private set; }

    public DateTimeOffset? ExpiredAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static Result<CouponCampaign> Create(CouponTerms terms, string? code, bool bulk, DateTimeOffset now)
    {
        var kinds = (terms.PercentOffBasisPoints is null ? 0 : 1) + (terms.AmountOff is null ? 0 : 1) + (terms.FreeTrialDays is null ? 0 : 1);
        if (kinds != 1)
        {
            return Error.Validation("percentOff", "Give exactly one of percentOff, amountOff or freeTrialDays.");
        }

        if (terms.PercentOffBasisPoints is { } bps && bps is <= 0 or > MaxPercentOffBasisPoints)
        {
            return Error.Validation("percentOff", "percentOff is in basis points, from 1 to 10000 (100 %).");
        }

        if (terms.AmountOff is { } amounts)
        {
            if (amounts.Count == 0 || amounts.Any(a => !a.IsPositive))
            {
                return Error.Validation("amountOff", "amountOff needs at least one amount, each greater than zero.");
            }

            if (amounts.Select(a => a.Currency).Distinct().Count() != amounts.Count)
            {
                return Error.Validation("amountOff", "amountOff holds one amount per currency.");
            }
        }

        if (terms.FreeTrialDays is { } days && (days is < 1 or > 3660 || terms.AppliesTo == CouponScope.Order))
        {
            return Error.Validation("freeTrialDays", "freeTrialDays is 1 to 3660, on a subscription or account coupon (an order has no trial).");
        }

        if ((terms.Duration == CouponDuration.Repeating) != (terms.DurationInMonths is not null)
            || terms.DurationInMonths is < 1 or > 120)
        {
            return Error.Validation("durationInMonths", "durationInMonths (1 to 120) is given exactly when duration is repeating.");
        }

        if (terms.PlanIds is { Count: > 0 } && terms.AppliesTo != CouponScope.Subscription)
        {
            return Error.Validation("planIds", "planIds limit a subscription coupon only.");
        }

        if (terms.PackageIds is { Count: > 0 } && terms.AppliesTo == CouponScope.Subscription)
        {
            return Error.Validation("packageIds", "packageIds name the packages an order or account coupon discounts; a subscription coupon discounts plans only.");
        }

        if (terms.MaxRedemptions is < 1)
        {
            return Error.Validation("maxRedemptions", "maxRedemptions must be at least 1.");
        }

        if (terms.RedeemBy is { } by && by <= now)
        {
            return Error.Validation("redeemBy", "redeemBy must be in the future.");
        }

        if ((code is null) == !bulk)
        {
            return Error.Validation("code", "Give a code or bulk, not both and not neither.");
        }

        var campaign = new CouponCampaign
        {
            Id = Ids.New("cpn"),
            Name = terms.Name,
            Kind = terms.PercentOffBasisPoints is not null ? CouponKind.PercentOff : terms.AmountOff is not null ? CouponKind.AmountOff : CouponKind.FreeTrial,
            PercentOffBasisPoints = terms.PercentOffBasisPoints,
            AmountOff = terms.AmountOff?.ToList() ?? [],
            FreeTrialDays = terms.FreeTrialDays,
            Duration = terms.Duration,
            DurationInMonths = terms.DurationInMonths,
            AppliesTo = terms.AppliesTo,
            PlanIds = terms.PlanIds?.Distinct(StringComparer.Ordinal).ToList() ?? [],
            PackageIds = terms.PackageIds?.Distinct(StringComparer.Ordinal).ToList() ?? [],
            MaxRedemptions = terms.MaxRedemptions,
            RedeemBy = terms.RedeemBy,
            Code = code,
            Bulk = bulk,
            CreatedAt = now,
        };
        return campaign;
    }

    /// <summary>
    /// Renames, or changes the cap or the redeem-by instant. The cap never goes below the redemptions
    /// already made: <paramref name="redeemedSoFar"/>, counted by the caller with new redemptions held
    /// off, when a first cap starts the counter.
    /// </summary>
    public Result<CouponCampaign> Edit(string? name, int? maxRedemptions, DateTimeOffset? redeemBy, int redeemedSoFar)
    {
        if (maxRedemptions is { } cap && cap < Math.Max(1, redeemedSoFar))
        {
            return Error.Validation("maxRedemptions", $"maxRedemptions cannot go below the {redeemedSoFar} redemption(s) already made, nor below 1.");
        }

        if (maxRedemptions is not null && MaxRedemptions is null)
        {
            Redemptions = redeemedSoFar; // the counter starts with the first cap
        }

        Name = name ?? Name;
        MaxRedemptions = maxRedemptions ?? MaxRedemptions;
        RedeemBy = redeemBy ?? RedeemBy;
        Touch();
        return this;
    }

    public void Expire(DateTimeOffset now)
    {
        if (ExpiredAt is null)
        {
            ExpiredAt = now;
            Touch();
        }
    }

    public void Restore()
    {
        if (ExpiredAt is not null)
        {
            ExpiredAt = null;
            Touch();
        }
    }

    /// <summary>Why the campaign cannot be redeemed at <paramref name="now"/>, or null when it can (the cap is checked again atomically when redeeming).</summary>
    public string? Refusal(DateTimeOffset now) =>
        ExpiredAt is not null ? "has been expired and not restored"
        : RedeemBy is { } by && now >= by ? $"could be redeemed until {by:yyyy-MM-ddTHH:mm:ssZ} only"
        : MaxRedemptions is { } cap && Redemptions >= cap ? $"has reached its {cap} redemption(s)"
        : null;

    /// <summary>Whether a subscription coupon covers <paramref name="planId"/>.</summary>
    public bool CoversPlan(string planId) => PlanIds.Count == 0 || PlanIds.Contains(planId, StringComparer.Ordinal);

    /// <summary>
    /// Whether the campaign discounts an order line of <paramref name="kind"/> for <paramref name="itemId"/>:
    /// a subscription coupon its plans; an order or account coupon every video and plan, and a prepayment
    /// package only when <see cref="PackageIds"/> names it.
    /// </summary>
    public bool Discounts(Orders.OrderItemKind kind, string itemId) => AppliesTo == CouponScope.Subscription
        ? kind == Orders.OrderItemKind.Plan && CoversPlan(itemId)
        : kind != Orders.OrderItemKind.Package || PackageIds.Contains(itemId, StringComparer.Ordinal);

    /// <summary>
    /// The discount on <paramref name="eligible"/> (tax-inclusive): a percentage is rounded toward zero
    /// to the minor unit (a coupon never gives more than it says); a fixed amount takes the campaign's
    /// amount in that currency; either is capped at <paramref name="eligible"/>, so no total goes below zero.
    /// Null when the campaign has no amount in that currency (or is a free trial).
    /// </summary>
    public Money? DiscountOn(Money eligible)
    {
        Money discount;
        switch (Kind)
        {
            case CouponKind.PercentOff:
                discount = eligible.MultiplyFraction(PercentOffBasisPoints!.Value, MaxPercentOffBasisPoints, MidpointRounding.ToZero);
                break;
            case CouponKind.AmountOff when AmountOff.Any(a => a.Currency == eligible.Currency):
                discount = AmountOff.First(a => a.Currency == eligible.Currency);
                break;
            default:
                return null;
        }

        return discount > eligible ? eligible : discount;
    }
}
