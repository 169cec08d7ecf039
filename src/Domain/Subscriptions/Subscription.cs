using CleanPrepay.Domain.Catalog;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Subscriptions.Events;
using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Domain.Subscriptions;

public enum SubscriptionStatus
{
    Trialing,
    Active,
    PendingPrepayment,
    PastDue,
    Canceled,
}

/// <summary>How renewals are paid: from the wallet, through a gateway with a saved payment-method token, or not yet chosen (a cardless trial).</summary>
public enum RenewalMethod
{
    None,
    Wallet,
    Gateway,
}

public enum RiskOutcome
{
    Approved,
    Rejected,
}

/// <summary>
/// A customer's subscription to a plan (SVOD). A state machine: trialing or pending_prepayment →
/// active ⇄ past_due → canceled. It is paid through <see cref="Prepayment"/>s, one per billed span of
/// days; <see cref="PaidThrough"/> is the last day paid for, and <see cref="NextChargeAt"/> is when
/// the renewal worker next looks at it (a renewal, the end of a trial, a retry, a cancellation at
/// period end). Dates are UTC calendar dates (ADR 0018).
/// </summary>
public sealed class Subscription : AggregateRoot
{
    private Subscription()
    {
    }

    public string CustomerId { get; private set; } = string.Empty;

    public string PlanId { get; private set; } = string.Empty;

    /// <summary>The price of one period, fixed at the start (or at a plan change).</summary>
    public Money Price { get; private set; }

    public Currency Currency => Price.Currency;

    public BillingInterval Interval { get; private set; }

    public int IntervalCount { get; private set; }

    /// <summary>The day of the month periods start on: the plan's billing day, or the start date's day for activation billing.</summary>
    public int AnchorDay { get; private set; }

    public SubscriptionStatus Status { get; private set; }

    public DateOnly StartDate { get; private set; }

    /// <summary>The first day after the trial, when the first charge falls due; null without a trial.</summary>
    public DateOnly? TrialEndsOn { get; private set; }

    /// <summary>The last day paid for; null until the first prepayment is paid.</summary>
    public DateOnly? PaidThrough { get; private set; }

    /// <summary>When the renewal worker must next act on the subscription; null when nothing is due (canceled, or awaiting its prepayment).</summary>
    public DateTimeOffset? NextChargeAt { get; private set; }

    public RenewalMethod RenewalMethod { get; private set; }

    public string? Gateway { get; private set; }

    /// <summary>A saved payment-method token for gateway renewals (a token, never card data; never logged).</summary>
    public string? PaymentMethodToken { get; private set; }

    /// <summary>The saved method (<c>spm_…</c>) renewals charge off-session; when it is gone, the customer's default one.</summary>
    public string? SavedMethodId { get; private set; }

    public RiskOutcome? RiskOutcome { get; private set; }

    public bool CancelAtPeriodEnd { get; private set; }

    public DateTimeOffset? CanceledAt { get; private set; }

    public string? CancelReason { get; private set; }

    /// <summary>Consecutive failed renewal attempts for the period due.</summary>
    public int FailedAttempts { get; private set; }

    /// <summary>The coupon campaign discounting the subscription, with the code redeemed.</summary>
    public string? CouponCampaignId { get; private set; }

    public string? CouponCode { get; private set; }

    /// <summary>Charges for periods starting before this date are discounted; null with a campaign = forever.</summary>
    public DateOnly? CouponUntil { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public BillingCalendar Calendar => new(Interval, IntervalCount, AnchorDay);

    public bool IsOpen => Status != SubscriptionStatus.Canceled;

    public static Subscription Start(
        string customerId, Plan plan, Money price, DateOnly start, int trialDays, RenewalMethod method, string? gateway, string? token,
        RiskOutcome? risk, DateTimeOffset now, string? savedMethodId = null)
    {
        // Periods are paid from the first day after any trial: an activation-billed plan's calendar starts there.
        var calendar = BillingCalendar.For(plan, start.AddDays(trialDays));
        var subscription = new Subscription
        {
            Id = Ids.New("sub"),
            CustomerId = customerId,
            PlanId = plan.Id,
            Price = price,
            Interval = calendar.Interval,
            IntervalCount = calendar.IntervalCount,
            AnchorDay = calendar.AnchorDay,
            StartDate = start,
            RenewalMethod = method,
            Gateway = gateway,
            PaymentMethodToken = savedMethodId is null ? token : null,
            SavedMethodId = method == RenewalMethod.Gateway ? savedMethodId : null,
            RiskOutcome = risk,
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (trialDays > 0)
        {
            subscription.Status = SubscriptionStatus.Trialing;
            subscription.TrialEndsOn = start.AddDays(trialDays);
            subscription.NextChargeAt = StartOf(subscription.TrialEndsOn.Value);
        }
        else
        {
            subscription.Status = SubscriptionStatus.PendingPrepayment;
        }

        subscription.Raise(new SubscriptionStarted(subscription.Id, customerId, plan.Id, subscription.Status, now));
        return subscription;
    }

    /// <summary>The instant a UTC calendar date begins.</summary>
    public static DateTimeOffset StartOf(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The discount a charge for the period starting on <paramref name="periodStart"/> gets from the subscription's coupon, if any.</summary>
    public bool CouponCovers(DateOnly periodStart) => CouponCampaignId is not null && (CouponUntil is null || periodStart < CouponUntil);

    /// <summary>
    /// A free-trial coupon on a trialing subscription: the trial, and the first charge, move <paramref name="days"/>
    /// later; an activation-billed plan's periods then run from the new first paid day.
    /// </summary>
    public void ExtendTrial(Plan plan, int days, DateTimeOffset now)
    {
        if (Status != SubscriptionStatus.Trialing || TrialEndsOn is null)
        {
            throw new InvalidOperationException("Only a trialing subscription's trial can be extended.");
        }

        TrialEndsOn = TrialEndsOn.Value.AddDays(days);
        NextChargeAt = StartOf(TrialEndsOn.Value);
        AnchorDay = BillingCalendar.For(plan, TrialEndsOn.Value).AnchorDay;
        Changed(now);
    }

    /// <summary>The coupon no longer applies (a plan change to a plan its campaign does not cover).</summary>
    public void DetachCoupon(DateTimeOffset now)
    {
        CouponCampaignId = null;
        CouponCode = null;
        CouponUntil = null;
        Changed(now);
    }

    /// <summary>The first day of the next charge: after the paid days, the end of the trial, or the start.</summary>
    public DateOnly NextChargeFrom => PaidThrough?.AddDays(1) ?? TrialEndsOn ?? StartDate;

    public void AttachCoupon(string campaignId, string code, DateOnly? until, DateTimeOffset now)
    {
        CouponCampaignId = campaignId;
        CouponCode = code;
        CouponUntil = until;
        Changed(now);
    }

    /// <summary>A prepayment for the days up to <paramref name="periodEnd"/> was paid: the subscription is active and paid through it.</summary>
    public Result Paid(DateOnly periodEnd, DateTimeOffset now)
    {
        if (Status == SubscriptionStatus.Canceled)
        {
            return SubscriptionErrors.Canceled;
        }

        var before = PaidThrough;
        PaidThrough = PaidThrough is { } through && through > periodEnd ? through : periodEnd;
        Status = SubscriptionStatus.Active;
        FailedAttempts = 0;
        NextChargeAt = StartOf(PaidThrough.Value.AddDays(1));
        Changed(now);
        if (before is { } earlier && PaidThrough > earlier)
        {
            Raise(new SubscriptionRenewed(Id, CustomerId, PlanId, PaidThrough.Value, now));
        }

        return Result.Success();
    }

    /// <summary>The first charge (at the end of a cardless trial, or one the wallet could not cover) waits for the subscriber to pay it.</summary>
    public Result AwaitPrepayment(DateTimeOffset now)
    {
        if (Status == SubscriptionStatus.Canceled)
        {
            return SubscriptionErrors.Canceled;
        }

        Status = SubscriptionStatus.PendingPrepayment;
        NextChargeAt = null;
        Changed(now);
        return Result.Success();
    }

    /// <summary>
    /// A charge of the period due is in flight: the worker leaves the subscription alone for
    /// <paramref name="lease"/>. If the charge has not settled by then (a gateway that never answered,
    /// a 3-D Secure step never completed, a process that stopped), the worker takes it up again.
    /// </summary>
    public void Charging(TimeSpan lease, DateTimeOffset now)
    {
        NextChargeAt = now + lease;
        Changed(now);
    }

    /// <summary>A renewal charge failed: past_due with a retry after the next delay of <paramref name="retryDelays"/>, or canceled once they are used up.</summary>
    public Result RenewalFailed(IReadOnlyList<TimeSpan> retryDelays, DateTimeOffset now)
    {
        if (Status == SubscriptionStatus.Canceled)
        {
            return SubscriptionErrors.Canceled;
        }

        FailedAttempts++;
        if (FailedAttempts > retryDelays.Count)
        {
            return Cancel("payment_failed", now);
        }

        Status = Status == SubscriptionStatus.Trialing ? SubscriptionStatus.Trialing : SubscriptionStatus.PastDue;
        NextChargeAt = now + retryDelays[FailedAttempts - 1];
        Changed(now);
        if (Status == SubscriptionStatus.PastDue)
        {
            Raise(new SubscriptionPastDue(Id, CustomerId, FailedAttempts, NextChargeAt, now));
        }

        return Result.Success();
    }

    public void ScheduleCancellation(DateTimeOffset now)
    {
        CancelAtPeriodEnd = true;
        NextChargeAt ??= PaidThrough is { } through ? StartOf(through.AddDays(1)) : now;
        Changed(now);
    }

    /// <summary>Ends the subscription now; refused when it already ended, so it is canceled (and announced) once.</summary>
    public Result Cancel(string reason, DateTimeOffset now)
    {
        if (Status == SubscriptionStatus.Canceled)
        {
            return SubscriptionErrors.Canceled;
        }

        Status = SubscriptionStatus.Canceled;
        CanceledAt = now;
        CancelReason = reason;
        NextChargeAt = null;
        Changed(now);
        Raise(new SubscriptionCanceled(Id, CustomerId, reason, now));
        return Result.Success();
    }

    /// <summary>
    /// Moves to another plan on <paramref name="day"/>, which stays paid under the old plan: the
    /// subscription is paid through that day and awaits the new plan's prepayment from it, with the
    /// new price and calendar.
    /// </summary>
    public void ChangePlan(Plan plan, Money price, DateOnly day, DateTimeOffset now)
    {
        var calendar = BillingCalendar.For(plan, day);
        PlanId = plan.Id;
        Price = price;
        Interval = calendar.Interval;
        IntervalCount = calendar.IntervalCount;
        AnchorDay = calendar.AnchorDay;
        PaidThrough = day;
        Status = SubscriptionStatus.PendingPrepayment;
        NextChargeAt = null;
        FailedAttempts = 0;
        CancelAtPeriodEnd = false;
        Changed(now);
    }

    public void UseForRenewals(RenewalMethod method, string? gateway, string? token, DateTimeOffset now, string? savedMethodId = null)
    {
        RenewalMethod = method;
        Gateway = gateway;
        PaymentMethodToken = savedMethodId is null ? token : null;
        SavedMethodId = method == RenewalMethod.Gateway ? savedMethodId : null;
        Changed(now);
    }

    /// <summary>
    /// An off-session renewal needs the payer (3-D Secure): past_due until they complete it, and they are told
    /// how (<see cref="RenewalActionRequired"/>). The charge stays open; if it is abandoned it fails and the retry schedule goes on.
    /// </summary>
    public Result AwaitPayer(string paymentId, string? actionUrl, DateTimeOffset now)
    {
        if (Status == SubscriptionStatus.Canceled)
        {
            return SubscriptionErrors.Canceled;
        }

        var wasPastDue = Status == SubscriptionStatus.PastDue;
        if (Status != SubscriptionStatus.Trialing)
        {
            Status = SubscriptionStatus.PastDue;
        }

        Changed(now);
        if (Status == SubscriptionStatus.PastDue && !wasPastDue)
        {
            Raise(new SubscriptionPastDue(Id, CustomerId, FailedAttempts, NextChargeAt, now));
        }

        Raise(new RenewalActionRequired(Id, CustomerId, paymentId, actionUrl, now));
        return Result.Success();
    }

    private void Changed(DateTimeOffset now)
    {
        UpdatedAt = now;
        Touch();
    }
}
