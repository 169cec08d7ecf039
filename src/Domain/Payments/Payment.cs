using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Payments.Events;
using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Domain.Payments;

public enum PaymentStatus
{
    Pending,
    RequiresAction,

    /// <summary>The provider holds the money for us; it is taken by a capture.</summary>
    Authorized,
    Succeeded,
    Failed,
    Canceled,
}

public enum PaymentPurpose
{
    TopUp,
    Order,

    /// <summary>A top-up charged off-session because a pocket fell below its auto top-up threshold (ADR 0039).</summary>
    AutoTopUp,
}

/// <summary>
/// One attempt to take money through a gateway. Its status only moves forward
/// (pending/requires_action/authorized → succeeded | failed | canceled), so a success is applied once.
/// </summary>
public sealed class Payment : AggregateRoot
{
    private Payment()
    {
    }

    public string CustomerId { get; private set; } = string.Empty;

    public string Gateway { get; private set; } = string.Empty;

    public Money Amount { get; private set; }

    public PaymentStatus Status { get; private set; }

    public PaymentPurpose Purpose { get; private set; }

    /// <summary>The id of what is being paid for (a top-up, an order).</summary>
    public string PurposeId { get; private set; } = string.Empty;

    /// <summary>The provider's id for this payment, once it has one.</summary>
    public string? ProviderReference { get; private set; }

    public string? NextActionType { get; private set; }

    public string? NextActionUrl { get; private set; }

    public string? FailureCode { get; private set; }

    public string? FailureMessage { get; private set; }

    /// <summary>Credits taken, when the payment is made with the wallet's credits pocket.</summary>
    public long? Credits { get; private set; }

    public long RefundedAmount { get; private set; }

    public long RefundedCredits { get; private set; }

    /// <summary>
    /// Money of this payment given back other than by a refund: credited to the wallet for a plan
    /// change's unused days, or because the order it paid was closed when the money arrived. A refund
    /// never returns it again (ADR 0027).
    /// </summary>
    public long ReturnedAmount { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>The saved method this payment charges (<c>spm_…</c>), when it charges one.</summary>
    public string? SavedMethodId { get; private set; }

    /// <summary>Charged without the payer (a renewal, an auto top-up): the provider may not ask them anything.</summary>
    public bool OffSession { get; private set; }

    /// <summary>The payer asked to keep the method once this payment succeeds.</summary>
    public bool SaveMethod { get; private set; }

    /// <summary>The payer's bank disputes the payment (a chargeback): null until a provider reports one.</summary>
    public DisputeStatus? Dispute { get; private set; }

    /// <summary>The provider's id of the dispute (Stripe <c>dp_…</c>, a Mollie chargeback, a PayPal case).</summary>
    public string? DisputeId { get; private set; }

    /// <summary>What the dispute is for, in the payment's minor units (never more than was paid).</summary>
    public long DisputedAmount { get; private set; }

    public string? DisputeReason { get; private set; }

    public DateTimeOffset? DisputedAt { get; private set; }

    /// <summary>Earlier disputes of this payment that were won, space-separated: a late report about one of them is stale.</summary>
    public string? ClosedDisputeIds { get; private set; }

    /// <summary>When reconciliation next asks the provider about this unfinished payment; null when nothing is to be asked.</summary>
    public DateTimeOffset? NextSyncAt { get; private set; }

    /// <summary>How many times reconciliation has asked without getting a final answer (drives the backoff).</summary>
    public int SyncAttempts { get; private set; }

    public bool IsFinal => Status is PaymentStatus.Succeeded or PaymentStatus.Failed or PaymentStatus.Canceled;

    public static Payment Start(
        string customerId, string gateway, Money amount, PaymentPurpose purpose, string purposeId, DateTimeOffset now) =>
        new()
        {
            Id = Ids.New("pay"),
            CustomerId = customerId,
            Gateway = gateway,
            Amount = amount,
            Purpose = purpose,
            PurposeId = purposeId,
            Status = PaymentStatus.Pending,
            CreatedAt = now,
            UpdatedAt = now,
        };

    /// <summary>Marks how the gateway is to be asked: a saved method (off-session or with the payer there), or a new one to keep.</summary>
    public void ChargeWith(string? savedMethodId, bool offSession, bool saveMethod)
    {
        if (Status != PaymentStatus.Pending || ProviderReference is not null)
        {
            throw new InvalidOperationException($"Payment {Id} was already sent to its gateway.");
        }

        if (savedMethodId is not null && saveMethod)
        {
            throw new InvalidOperationException("A saved method is saved already.");
        }

        SavedMethodId = savedMethodId;
        OffSession = savedMethodId is not null && offSession;
        SaveMethod = saveMethod;
    }

    /// <summary>A payment taken from the wallet itself (method <c>wallet</c> or <c>credits</c>): it succeeds in the same step.</summary>
    public static Payment FromWallet(
        string customerId, string method, Money amount, long? credits, PaymentPurpose purpose, string purposeId, DateTimeOffset now)
    {
        var payment = Start(customerId, method, amount, purpose, purposeId, now);
        payment.Credits = credits;
        payment.Apply(new GatewayOutcome(PaymentStatus.Succeeded, null), now);
        return payment;
    }

    /// <summary>What a refund may still give back: what was paid, less refunds (made or reserved) and less what was returned otherwise.</summary>
    public long RefundableAmount => Status == PaymentStatus.Succeeded ? Math.Max(0, Amount.MinorUnits - RefundedAmount - ReturnedAmount) : 0;

    /// <summary>Everything of this payment already given back or reserved to be: refunds and returns.</summary>
    public long GivenBack => RefundedAmount + ReturnedAmount;

    /// <summary>
    /// Counts <paramref name="amount"/> given back on this payment outside a refund (see
    /// <see cref="ReturnedAmount"/>), so that refunds subtract it. Only a succeeded payment's money can
    /// be given back, and never more than is still refundable; an amount past that is a bug.
    /// </summary>
    public void RecordReturn(long amount, DateTimeOffset now)
    {
        if (amount < 0 || amount > RefundableAmount)
        {
            throw new InvalidOperationException($"Payment {Id} cannot give back {amount}: {RefundableAmount} is left of it.");
        }

        if (amount == 0)
        {
            return;
        }

        ReturnedAmount += amount;
        UpdatedAt = now;
        Touch();
    }

    public long RefundableCredits => Status == PaymentStatus.Succeeded ? (Credits ?? 0) - RefundedCredits : 0;

    /// <summary>Counts a refund against what was paid; never more than was paid.</summary>
    public Result RecordRefund(long amount, long credits, DateTimeOffset now)
    {
        if (amount < 0 || credits < 0 || (amount == 0 && credits == 0))
        {
            return Error.Validation("amount", "A refund must be greater than zero.");
        }

        if (amount > RefundableAmount || credits > RefundableCredits)
        {
            return new Error(
                "refund_exceeds_payment",
                $"At most {RefundableAmount} minor units and {RefundableCredits} credits of this payment can still be refunded.",
                ErrorKind.Unprocessable);
        }

        RefundedAmount += amount;
        RefundedCredits += credits;
        UpdatedAt = now;
        Touch();
        return Result.Success();
    }

    /// <summary>Gives back a reservation made by <see cref="RecordRefund"/> when the provider refused the refund; releasing more than was reserved is a bug.</summary>
    public void ReleaseRefund(long amount, long credits, DateTimeOffset now)
    {
        if (amount < 0 || credits < 0 || amount > RefundedAmount || credits > RefundedCredits)
        {
            throw new InvalidOperationException($"Payment {Id} cannot release {amount} and {credits} credits: {RefundedAmount} and {RefundedCredits} are reserved.");
        }

        RefundedAmount -= amount;
        RefundedCredits -= credits;
        UpdatedAt = now;
        Touch();
    }

    /// <summary>
    /// Changes the amount still to be authorised (a coupon applied to the order before the customer
    /// authenticated). Only before the payment is final; the gateway authorises the new amount.
    /// </summary>
    public void Reprice(Money amount, DateTimeOffset now)
    {
        if (IsFinal || amount.Currency != Amount.Currency || !amount.IsPositive)
        {
            throw new InvalidOperationException("Only an unfinished payment can be repriced, to a positive amount in its currency.");
        }

        Amount = amount;
        UpdatedAt = now;
        Touch();
    }

    /// <summary>Cancels an unfinished payment that is no longer needed (its order's total became zero). Raises no failure; a final payment cannot be superseded.</summary>
    public void Supersede(DateTimeOffset now)
    {
        if (IsFinal)
        {
            throw new InvalidOperationException($"Payment {Id} is already {Status}.");
        }

        Status = PaymentStatus.Canceled;
        FailureCode = "superseded";
        FailureMessage = "The order's total became zero; nothing is left to pay.";
        NextActionType = null;
        NextActionUrl = null;
        NextSyncAt = null;
        CompletedAt = now;
        UpdatedAt = now;
        Touch();
    }

    /// <summary>A first pull planned when the payment is written, before any answer: not an attempt, so the backoff starts after it.</summary>
    public void PlanFirstSync(DateTimeOffset at)
    {
        if (!IsFinal)
        {
            NextSyncAt = at;
        }
    }

    /// <summary>
    /// Plans the next status pull for an unfinished gateway payment: the delay doubles from
    /// <paramref name="first"/> with each attempt, capped at <paramref name="max"/>.
    /// </summary>
    public void ScheduleSync(DateTimeOffset now, TimeSpan first, TimeSpan max)
    {
        if (IsFinal)
        {
            NextSyncAt = null;
            return;
        }

        var factor = Math.Pow(2, Math.Min(SyncAttempts, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(first.Ticks * factor, max.Ticks));
        NextSyncAt = now + delay;
        SyncAttempts++;
        Touch();
    }

    /// <summary>
    /// Records what a provider reports of a dispute. Returns true only when this call lost it, so what
    /// a lost dispute takes back is taken once per dispute however often it is reported. A lost dispute
    /// is final; after a won one a new dispute (another id) may open.
    /// </summary>
    public Result<bool> ApplyDispute(string disputeId, DisputeStatus status, long amount, string? reason, DateTimeOffset now)
    {
        if (Status != PaymentStatus.Succeeded)
        {
            return Error.Conflict($"Payment {Id} is {Status}: only a succeeded payment can be disputed.");
        }

        if (Dispute == DisputeStatus.Lost || (DisputeId is not null && DisputeId != disputeId && Dispute == DisputeStatus.Disputed))
        {
            return false; // the money is gone already, or another dispute is open: the later report changes nothing
        }

        if ((DisputeId == disputeId && Dispute is DisputeStatus.Won && status == DisputeStatus.Disputed) || IsClosedDispute(disputeId))
        {
            return false; // a late report about a dispute already closed
        }

        if (DisputeId is not null && DisputeId != disputeId)
        {
            // A new dispute after a won one: remember the old one, so that its late reports cannot reopen it.
            ClosedDisputeIds = ClosedDisputeIds is null ? DisputeId : $"{ClosedDisputeIds} {DisputeId}";
            DisputedAt = null;
        }

        var before = DisputeId == disputeId ? Dispute : null;
        DisputeId = disputeId;
        Dispute = status;
        DisputedAmount = Math.Clamp(amount, 0, Amount.MinorUnits);
        DisputeReason = reason ?? DisputeReason;
        DisputedAt ??= now;
        UpdatedAt = now;
        Touch();
        if (before != status)
        {
            Raise(new PaymentDisputeChanged(Id, CustomerId, Purpose, PurposeId, disputeId, status, DisputedAmount, now));
        }

        return status == DisputeStatus.Lost;
    }

    private bool IsClosedDispute(string disputeId) =>
        ClosedDisputeIds is not null && ClosedDisputeIds.Split(' ').Contains(disputeId, StringComparer.Ordinal);

    /// <summary>Records what the gateway said. Returns true only when this call made the payment succeed.</summary>
    public bool Apply(GatewayOutcome outcome, DateTimeOffset now)
    {
        if (IsFinal || outcome.Unanswered)
        {
            return false;
        }

        ProviderReference = outcome.ProviderReference ?? ProviderReference;
        UpdatedAt = now;
        Touch();
        switch (outcome.Status)
        {
            case PaymentStatus.Succeeded:
                Status = PaymentStatus.Succeeded;
                NextActionType = null;
                NextActionUrl = null;
                NextSyncAt = null;
                CompletedAt = now;
                Raise(new PaymentSucceeded(Id, CustomerId, Purpose, PurposeId, now));
                return true;
            case PaymentStatus.Failed or PaymentStatus.Canceled:
                Status = outcome.Status;
                NextActionType = null;
                NextActionUrl = null;
                FailureCode = outcome.FailureCode;
                FailureMessage = outcome.FailureMessage;
                NextSyncAt = null;
                CompletedAt = now;
                Raise(new PaymentFailed(Id, CustomerId, Purpose, PurposeId, outcome.FailureCode, now));
                return false;
            case PaymentStatus.RequiresAction:
                Status = PaymentStatus.RequiresAction;
                NextActionType = outcome.NextActionType ?? NextActionType;
                NextActionUrl = outcome.NextActionUrl ?? NextActionUrl;
                return false;
            case PaymentStatus.Authorized:
                Status = PaymentStatus.Authorized;
                NextActionType = null;
                NextActionUrl = null;
                return false;
            default:
                Status = PaymentStatus.Pending;
                return false;
        }
    }
}

/// <summary>A provider-neutral answer from a payment gateway.</summary>
public sealed record GatewayOutcome(
    PaymentStatus Status,
    string? ProviderReference,
    string? NextActionType = null,
    string? NextActionUrl = null,
    string? FailureCode = null,
    string? FailureMessage = null)
{
    /// <summary>The provider could not be asked (timeout, outage): nothing is known, so nothing changes.</summary>
    public static GatewayOutcome NoAnswer { get; } = new(PaymentStatus.Pending, null) { Unanswered = true };

    public bool Unanswered { get; private init; }

    /// <summary>For a payment asked to <c>save</c> its method: what the provider will charge off-session later, and what may be shown of it.</summary>
    public SavedMethodDetails? SavedMethod { get; init; }
}
