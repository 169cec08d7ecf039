using CleanPrepay.Domain.Common;

namespace CleanPrepay.Domain.Subscriptions.Events;

public sealed record SubscriptionStarted(string SubscriptionId, string CustomerId, string PlanId, SubscriptionStatus Status, DateTimeOffset OccurredAt) : IDomainEvent;

public sealed record SubscriptionCanceled(string SubscriptionId, string CustomerId, string Reason, DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>A prepayment was paid: the trigger of the payment confirmation and, for the first one, the welcome email.</summary>
public sealed record PrepaymentPaid(
    string PrepaymentId, string SubscriptionId, string CustomerId, PrepaymentKind Kind, long Amount, string Currency, DateOnly PeriodStart,
    DateOnly PeriodEnd, DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>An off-session renewal waits for the payer: the trigger of the payment_action_required email with the link.</summary>
public sealed record RenewalActionRequired(string SubscriptionId, string CustomerId, string PaymentId, string? ActionUrl, DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>A later period was paid: the subscription now runs through <see cref="PaidThrough"/>.</summary>
public sealed record SubscriptionRenewed(string SubscriptionId, string CustomerId, string PlanId, DateOnly PaidThrough, DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>A renewal failed or waits for the payer; the subscription is past due until it is paid.</summary>
public sealed record SubscriptionPastDue(
    string SubscriptionId, string CustomerId, int FailedAttempts, DateTimeOffset? NextChargeAt, DateTimeOffset OccurredAt) : IDomainEvent;

public sealed record PrepaymentPending(
    string PrepaymentId, string SubscriptionId, string CustomerId, PrepaymentKind Kind, long Amount, string Currency, DateOnly PeriodStart,
    DateOnly PeriodEnd, DateTimeOffset? ExpiresAt, DateTimeOffset OccurredAt) : IDomainEvent;

public sealed record PrepaymentExpired(string PrepaymentId, string SubscriptionId, string CustomerId, DateTimeOffset OccurredAt) : IDomainEvent;
