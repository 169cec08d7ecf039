using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Domain.Catalog;

public enum BillingInterval
{
    Day,
    Week,
    Month,
    Year,
}

public enum BillingMode
{
    Fixed,
    Activation,
}

/// <summary>What a plan's subscription entitles to (ADR 0028).</summary>
public enum PlanCoverage
{
    /// <summary>Every video, except those flagged rent-or-buy-only, plus any listed.</summary>
    AllVideos,

    /// <summary>Only the videos the plan lists.</summary>
    ListedVideos,
}

/// <summary>A subscription plan (SVOD): a price per interval, an optional trial, fixed or activation billing.</summary>
public sealed class Plan : AggregateRoot
{
    private Plan()
    {
    }

    public string Name { get; private set; } = string.Empty;

    public PriceList Price { get; private set; } = null!;

    public BillingInterval Interval { get; private set; }

    public int IntervalCount { get; private set; } = 1;

    public int TrialDays { get; private set; }

    public bool CardlessTrial { get; private set; }

    public BillingMode Billing { get; private set; }

    /// <summary>Day of the month fixed billing falls on (1–31, clamped to the month's last day).</summary>
    public int BillingDay { get; private set; } = 1;

    /// <summary>The merchant's minimum first prepayment (riverty-prepayment); null = the settings' percentage.</summary>
    public Money? MinPrepayment { get; private set; }

    public bool Active { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>What the plan entitles to: all videos (the default every plan had before ADR 0028), or only <see cref="VideoIds"/>.</summary>
    public PlanCoverage Coverage { get; private set; }

    /// <summary>Videos the plan names: the whole catalogue of a listed plan, or rent-or-buy-only titles an all-videos plan includes anyway.</summary>
    public IReadOnlyList<string> VideoIds { get; private set; } = [];

    public static Plan Create(
        string name, PriceList price, BillingInterval interval, int intervalCount, int trialDays, bool cardlessTrial,
        BillingMode billing, int billingDay, Money? minPrepayment, bool active, DateTimeOffset now) => new()
        {
            Id = Ids.New("pln"),
            Name = name.Trim(),
            Price = price,
            Interval = interval,
            IntervalCount = intervalCount,
            TrialDays = trialDays,
            CardlessTrial = cardlessTrial,
            Billing = billing,
            BillingDay = billingDay,
            MinPrepayment = minPrepayment,
            Active = active,
            CreatedAt = now,
        };

    /// <summary>Sets what the plan entitles to; the ids are kept once each, in order.</summary>
    public void SetCoverage(PlanCoverage coverage, IEnumerable<string> videoIds)
    {
        Coverage = coverage;
        VideoIds = videoIds.Distinct(StringComparer.Ordinal).ToArray();
        Touch();
    }

    /// <summary>
    /// Whether a subscription to this plan entitles to <paramref name="videoId"/>: a listed video
    /// always; otherwise, on an all-videos plan, any video not flagged rent-or-buy-only.
    /// </summary>
    public bool Covers(string videoId, bool rentOrBuyOnly) =>
        VideoIds.Contains(videoId, StringComparer.Ordinal) || (Coverage == PlanCoverage.AllVideos && !rentOrBuyOnly);

    public void Update(string? name, PriceList? price, int? trialDays, bool? cardlessTrial, Money? minPrepayment, bool? active)
    {
        Name = name?.Trim() ?? Name;
        Price = price ?? Price;
        TrialDays = trialDays ?? TrialDays;
        CardlessTrial = cardlessTrial ?? CardlessTrial;
        MinPrepayment = minPrepayment ?? MinPrepayment;
        Active = active ?? Active;
        Touch();
    }

    /// <summary>The end of one paid period that starts at <paramref name="start"/>.</summary>
    public DateTimeOffset PeriodEnd(DateTimeOffset start) => Interval switch
    {
        BillingInterval.Day => start.AddDays(IntervalCount),
        BillingInterval.Week => start.AddDays(7 * IntervalCount),
        BillingInterval.Month => start.AddMonths(IntervalCount),
        _ => start.AddYears(IntervalCount),
    };
}
