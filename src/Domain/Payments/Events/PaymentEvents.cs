using CleanPrepay.Domain.Common;

namespace CleanPrepay.Domain.Payments.Events;

public sealed record PaymentSucceeded(
    string PaymentId, string CustomerId, PaymentPurpose Purpose, string PurposeId, DateTimeOffset OccurredAt) : IDomainEvent;

public sealed record PaymentFailed(
    string PaymentId, string CustomerId, PaymentPurpose Purpose, string PurposeId, string? FailureCode,
    DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>A provider reported a dispute of the payment, or its outcome (the trigger of payment.disputed).</summary>
public sealed record PaymentDisputeChanged(
    string PaymentId, string CustomerId, PaymentPurpose Purpose, string PurposeId, string DisputeId, DisputeStatus Status, long Amount,
    DateTimeOffset OccurredAt) : IDomainEvent;
