using CleanPrepay.Domain.Common;

namespace CleanPrepay.Domain.TopUps.Events;

/// <summary>A top-up's payment succeeded and its value is in the wallet (money in <see cref="Currency"/>, or credits).</summary>
public sealed record TopUpSucceeded(
    string TopUpId, string CustomerId, string PaymentId, string? PackageId, long? Amount, string? Currency, long? Credits, bool Automatic,
    string LedgerEntryId, DateTimeOffset OccurredAt) : IDomainEvent;
