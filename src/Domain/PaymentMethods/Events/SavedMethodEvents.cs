using CleanPrepay.Domain.Common;

namespace CleanPrepay.Domain.PaymentMethods.Events;

/// <summary>A SEPA mandate was confirmed or refused: the trigger of the direct-debit status email (riverty-prepayment).</summary>
public sealed record DirectDebitMandateSettled(
    string SavedMethodId, string CustomerId, bool Confirmed, string? Reason, DateTimeOffset OccurredAt) : IDomainEvent;
