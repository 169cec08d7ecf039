using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Subscriptions.CancelSubscription;

/// <summary>
/// Cancels at the end of the paid period (the default: the subscriber keeps what they paid for) or
/// now: then access ends now and pending prepayments are canceled. A trial or an unpaid subscription
/// has no paid period, so it ends now either way. Nothing is refunded (ADR 0018).
/// </summary>
public sealed record CancelSubscriptionCommand(string SubscriptionId, bool? AtPeriodEnd) : ICommand<SubscriptionDto>;
