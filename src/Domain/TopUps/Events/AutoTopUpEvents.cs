using CleanPrepay.Domain.Common;

namespace CleanPrepay.Domain.TopUps.Events;

/// <summary>Three auto top-ups failed in a row and it was turned off: the trigger of the auto_top_up_disabled email.</summary>
public sealed record AutoTopUpDisabled(string AutoTopUpId, string CustomerId, string Currency, int Failures, DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>The terms changed: the pocket may be below the new threshold already.</summary>
public sealed record AutoTopUpConfigured(string AutoTopUpId, string CustomerId, string Currency, bool Enabled, DateTimeOffset OccurredAt) : IDomainEvent;
