using CleanPrepay.Domain.Common;

namespace CleanPrepay.Domain.Customers.Events;

public sealed record CustomerCreated(
    string CustomerId, string Email, string Name, string Language, bool Newsletter, bool OptIn, DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>
/// A profile change; the data carries the profile as it now is, so a receiver needs no second read, and the email
/// it replaced (a newsletter list unsubscribes the old address).
/// </summary>
public sealed record CustomerUpdated(
    string CustomerId, string Email, string Name, string Language, string? Country, bool Newsletter, bool OptIn, CustomerStatus Status,
    string? PreviousEmail, bool PreviousNewsletter, DateTimeOffset OccurredAt) : IDomainEvent;
