using CleanPrepay.Domain.Common;

namespace CleanPrepay.Domain.Subscriptions;

/// <summary>The expected refusals of a <see cref="Subscription"/> and its <see cref="Prepayment"/>s, each with a stable code.</summary>
public static class SubscriptionErrors
{
    public static readonly Error Canceled = new("subscription_canceled", "The subscription is canceled.", ErrorKind.Conflict);

    /// <summary>Answered as it always was when a prepayment is attempted again (code <c>conflict</c>).</summary>
    public static Error PrepaymentNotPending(PrepaymentStatus status) =>
        new("conflict", $"The prepayment is {status.ToString().ToLowerInvariant()}, not pending.", ErrorKind.Conflict);
}
