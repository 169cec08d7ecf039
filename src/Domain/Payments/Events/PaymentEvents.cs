using CleanPrepay.Domain.Common;

namespace CleanPrepay.Domain.Payments.Events;

public sealed record PaymentSucceeded(
    string PaymentId, string CustomerId, PaymentPurpose Purpose, string PurposeId, DateTimeOffset OccurredAt) : IDomainEvent;

public sealed record PaymentFailed(
    string PaymentId, string CustomerId, PaymentPurpose Purpose, string PurposeId, string? FailureCode,
    DateTimeOffset OccurredAt) : IDomainEvent;
