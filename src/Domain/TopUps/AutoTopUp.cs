using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Monetary;
using CleanPrepay.Domain.TopUps.Events;

namespace CleanPrepay.Domain.TopUps;

/// <summary>
/// A customer's standing order for one currency pocket (ADR 0039): when the pocket is below
/// <see cref="Threshold"/>, one top-up (a package or an amount) is charged off-session from a saved
/// method. At most one is in flight, at most <see cref="MaxPerMonth"/> start in a calendar month (UTC),
/// and <see cref="MaxFailures"/> failures in a row turn it off.
/// </summary>
public sealed class AutoTopUp : AggregateRoot
{
    public const int MaxFailures = 3;

    private AutoTopUp()
    {
    }

    public string CustomerId { get; private set; } = string.Empty;

    public string Currency { get; private set; } = string.Empty;

    /// <summary>The threshold in the pocket's minor units: a balance strictly below it starts a top-up.</summary>
    public long ThresholdAmount { get; private set; }

    public string? PackageId { get; private set; }

    /// <summary>The amount charged and credited, in minor units of <see cref="Currency"/>, when no package is named.</summary>
    public long? Amount { get; private set; }

    public string SavedMethodId { get; private set; } = string.Empty;

    public int MaxPerMonth { get; private set; }

    public bool Enabled { get; private set; }

    /// <summary>Failed top-ups in a row; a success sets it back to zero.</summary>
    public int Failures { get; private set; }

    public DateTimeOffset? LastTopUpAt { get; private set; }

    /// <summary>The top-up being charged now; while set no other starts.</summary>
    public string? InFlightTopUpId { get; private set; }

    /// <summary>The calendar month (yyyy-MM, UTC) <see cref="StartedInMonth"/> counts.</summary>
    public string Month { get; private set; } = string.Empty;

    public int StartedInMonth { get; private set; }

    /// <summary>After a failure, no new top-up starts before this instant (a declined card is not retried at once).</summary>
    public DateTimeOffset? NextAttemptAt { get; private set; }

    /// <summary>When the customer removed it; null while it exists for them. A removed one is off and hidden, not forgotten.</summary>
    public DateTimeOffset? RemovedAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public Money Threshold => Money.Of(ThresholdAmount, Currency);

    public static AutoTopUp Create(string customerId, string currency, DateTimeOffset now) => new()
    {
        Id = Ids.New("atu"),
        CustomerId = customerId,
        Currency = currency,
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>Sets the terms; turning it on again starts the failure count afresh. A top-up in flight finishes under the old terms.</summary>
    public void Configure(bool enabled, Money threshold, string? packageId, long? amount, string savedMethodId, int maxPerMonth, DateTimeOffset now)
    {
        if (threshold.Currency.Code != Currency || threshold.MinorUnits < 0 || (packageId is null) == (amount is null) || amount <= 0 || maxPerMonth < 1)
        {
            throw new InvalidOperationException("An auto top-up is a non-negative threshold in its pocket's currency, a package or a positive amount, and a monthly cap of at least one.");
        }

        if (enabled && !Enabled)
        {
            Failures = 0;
            NextAttemptAt = null;
        }

        Enabled = enabled;
        RemovedAt = null;
        ThresholdAmount = threshold.MinorUnits;
        PackageId = packageId;
        Amount = amount;
        SavedMethodId = savedMethodId;
        MaxPerMonth = maxPerMonth;
        UpdatedAt = now;
        Touch();
        Raise(new AutoTopUpConfigured(Id, CustomerId, Currency, enabled, now));
    }

    /// <summary>
    /// The customer removes it: off and hidden. The row stays, so that a top-up still in flight and the month's
    /// count survive a remove and re-create: one in flight per pocket and the monthly cap hold across them (ADR 0039).
    /// </summary>
    public void Remove(DateTimeOffset now)
    {
        Enabled = false;
        RemovedAt = now;
        UpdatedAt = now;
        Touch();
        Raise(new AutoTopUpConfigured(Id, CustomerId, Currency, false, now));
    }

    /// <summary>How many top-ups started in the month of <paramref name="now"/>.</summary>
    public int StartedIn(DateTimeOffset now) => Month == MonthOf(now) ? StartedInMonth : 0;

    /// <summary>Whether a pocket at <paramref name="balance"/> calls for a top-up now.</summary>
    public bool IsDue(long balance, DateTimeOffset now) =>
        Enabled && InFlightTopUpId is null && balance < ThresholdAmount && StartedIn(now) < MaxPerMonth && (NextAttemptAt is null || now >= NextAttemptAt);

    /// <summary>Claims the pocket for <paramref name="topUpId"/>: refused unless due, so two racing claims under the row lock start one.</summary>
    public Result Start(string topUpId, long balance, DateTimeOffset now)
    {
        if (!IsDue(balance, now))
        {
            return Error.Conflict("The auto top-up is not due.");
        }

        var month = MonthOf(now);
        StartedInMonth = Month == month ? StartedInMonth + 1 : 1;
        Month = month;
        InFlightTopUpId = topUpId;
        UpdatedAt = now;
        Touch();
        return Result.Success();
    }

    /// <summary>The top-up in flight was credited.</summary>
    public void Succeeded(string topUpId, DateTimeOffset now)
    {
        if (InFlightTopUpId != topUpId)
        {
            return;
        }

        InFlightTopUpId = null;
        Failures = 0;
        LastTopUpAt = now;
        UpdatedAt = now;
        Touch();
    }

    /// <summary>The top-up in flight failed; the third failure in a row turns the auto top-up off and says so.</summary>
    public void Failed(string topUpId, TimeSpan retryAfter, DateTimeOffset now)
    {
        if (InFlightTopUpId != topUpId)
        {
            return;
        }

        InFlightTopUpId = null;
        CountFailure(retryAfter, now);
    }

    /// <summary>A top-up could not even be opened (its package is off sale, its saved method revoked): a failure like a declined one.</summary>
    public void CouldNotStart(TimeSpan retryAfter, DateTimeOffset now)
    {
        if (InFlightTopUpId is null)
        {
            CountFailure(retryAfter, now);
        }
    }

    private void CountFailure(TimeSpan retryAfter, DateTimeOffset now)
    {
        Failures++;
        NextAttemptAt = now + retryAfter;
        UpdatedAt = now;
        Touch();
        if (Failures >= MaxFailures && Enabled)
        {
            Enabled = false;
            Raise(new AutoTopUpDisabled(Id, CustomerId, Currency, Failures, now));
        }
    }

    /// <summary>The calendar month (yyyy-MM, UTC) an instant counts in, as <see cref="Month"/> holds it.</summary>
    public static string MonthOf(DateTimeOffset now) => now.UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
}
