using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Subscriptions.Events;
using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Domain.Subscriptions;

public enum PrepaymentStatus
{
    Pending,
    Paid,
    Expired,
    Canceled,
}

public enum PrepaymentKind
{
    /// <summary>What a subscriber pays to start (or at the end of a trial): the partial period and, below the minimum, the next full period.</summary>
    Initial,

    /// <summary>One full period, billed by the renewal worker.</summary>
    Renewal,

    /// <summary>The new plan from the day of a plan change, prorated like a start.</summary>
    PlanChange,
}

/// <summary>
/// Money owed in advance for a span of a subscription's days (riverty-prepayment). Each attempt to
/// pay it is an order (<see cref="OrderId"/> is the latest); a declined attempt leaves it pending for
/// another. Paid once: only a pending prepayment can be paid. One per subscription and first day,
/// enforced by a unique index, so no period is billed twice.
/// </summary>
public sealed class Prepayment : AggregateRoot
{
    private Prepayment()
    {
    }

    public string CustomerId { get; private set; } = string.Empty;

    public string SubscriptionId { get; private set; } = string.Empty;

    public PrepaymentKind Kind { get; private set; }

    // The partial period's amount is stored as minor units of Amount's currency.
    private long? _partialAmount;

    public Money Amount { get; private set; }

    public Currency Currency => Amount.Currency;

    public DateOnly PeriodStart { get; private set; }

    public DateOnly PeriodEnd { get; private set; }

    /// <summary>The last day of the partial period the span opens with, if it does (a mid-period start).</summary>
    public DateOnly? PartialTo { get; private set; }

    /// <summary>The partial period's amount before any discount.</summary>
    public Money? PartialAmount => _partialAmount is { } partial ? new Money(partial, Currency) : null;

    public PrepaymentStatus Status { get; private set; }

    /// <summary>After a plan change: the last day it still pays for; the days after it were credited back.</summary>
    public DateOnly? CutAfter { get; private set; }

    /// <summary>The last day it pays for (its period's end, or an earlier cut).</summary>
    public DateOnly PaysThrough => CutAfter is { } cut && cut < PeriodEnd ? cut : PeriodEnd;

    /// <summary>The latest order paying it.</summary>
    public string? OrderId { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When an initial prepayment nobody paid expires and its subscription is canceled; null for renewals.</summary>
    public DateTimeOffset? ExpiresAt { get; private set; }

    public DateTimeOffset? PaidAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public static Prepayment Open(
        Subscription subscription, PrepaymentKind kind, Money amount, DateOnly periodStart, DateOnly periodEnd, DateTimeOffset? expiresAt, DateTimeOffset now,
        PartialPeriod? partial = null)
    {
        var prepayment = new Prepayment
        {
            PartialTo = partial?.To,
            _partialAmount = partial?.Amount.MinorUnits,
            Id = Ids.New("ppm"),
            CustomerId = subscription.CustomerId,
            SubscriptionId = subscription.Id,
            Kind = kind,
            Amount = amount,
            PeriodStart = periodStart,
            PeriodEnd = periodEnd,
            Status = PrepaymentStatus.Pending,
            CreatedAt = now,
            ExpiresAt = expiresAt,
        };
        prepayment.Raise(new PrepaymentPending(
            prepayment.Id, subscription.Id, subscription.CustomerId, kind, amount.MinorUnits, amount.Currency.Code, periodStart, periodEnd, expiresAt, now));
        return prepayment;
    }

    /// <summary>A coupon on its unpaid order changed what it costs. Refused once it is no longer pending; another currency is a bug.</summary>
    public Result Reprice(Money amount)
    {
        if (amount.Currency != Currency)
        {
            throw new InvalidOperationException($"Prepayment {Id} is in {Currency}, not {amount.Currency}.");
        }

        if (Status != PrepaymentStatus.Pending)
        {
            return SubscriptionErrors.PrepaymentNotPending(Status);
        }

        Amount = amount;
        Touch();
        return Result.Success();
    }

    /// <summary>A new attempt to pay, through <paramref name="orderId"/>.</summary>
    public Result Attempt(string orderId)
    {
        if (Status != PrepaymentStatus.Pending)
        {
            return SubscriptionErrors.PrepaymentNotPending(Status);
        }

        OrderId = orderId;
        Attempts++;
        Touch();
        return Result.Success();
    }

    /// <summary>Marks it paid; refused when it was not pending, so the subscription is extended once.</summary>
    public Result MarkPaid(string orderId, DateTimeOffset now)
    {
        if (Status != PrepaymentStatus.Pending)
        {
            return SubscriptionErrors.PrepaymentNotPending(Status);
        }

        Status = PrepaymentStatus.Paid;
        OrderId = orderId;
        PaidAt = now;
        Touch();
        Raise(new PrepaymentPaid(Id, SubscriptionId, CustomerId, Kind, Amount.MinorUnits, Currency.Code, PeriodStart, PeriodEnd, now));
        return Result.Success();
    }

    /// <summary>
    /// A plan change keeping <paramref name="day"/>: returns what the paid days after it are worth at the
    /// rate this span was paid, net of what was refunded of it ((amount − refunded) × days ÷ days of the
    /// span, rounded down), and stops paying for them.
    /// </summary>
    public Money CutAfterDay(DateOnly day, long refunded)
    {
        var end = PaysThrough;
        if (Status != PrepaymentStatus.Paid || end <= day)
        {
            return Money.Zero(Currency);
        }

        var from = PeriodStart > day ? PeriodStart : day.AddDays(1);
        var unused = end.DayNumber - from.DayNumber + 1;
        var span = PeriodEnd.DayNumber - PeriodStart.DayNumber + 1;
        CutAfter = from.AddDays(-1);
        Touch();
        var kept = Math.Max(0, Amount.MinorUnits - refunded);
        return new Money(kept, Currency).MultiplyFraction(unused, span, MidpointRounding.ToZero);
    }

    public Result Expire(DateTimeOffset now)
    {
        var closed = Close(PrepaymentStatus.Expired, now);
        if (closed.IsSuccess)
        {
            Raise(new PrepaymentExpired(Id, SubscriptionId, CustomerId, now));
        }

        return closed;
    }

    public Result Cancel(DateTimeOffset now) => Close(PrepaymentStatus.Canceled, now);

    private Result Close(PrepaymentStatus status, DateTimeOffset now)
    {
        if (Status != PrepaymentStatus.Pending)
        {
            return SubscriptionErrors.PrepaymentNotPending(Status);
        }

        Status = status;
        ClosedAt = now;
        Touch();
        return Result.Success();
    }
}
