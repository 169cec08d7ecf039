using CleanPrepay.Domain.Common;

namespace CleanPrepay.Domain.Accesses.Events;

public sealed record AccessGranted(
    string AccessId, string CustomerId, AccessKind Kind, string? VideoId, string? PlanId, string? OrderId, string? SubscriptionId,
    DateTimeOffset StartsAt, DateTimeOffset? ExpiresAt, DateTimeOffset OccurredAt) : IDomainEvent;

public sealed record AccessRevoked(
    string AccessId, string CustomerId, AccessKind Kind, string? VideoId, string? PlanId, string? OrderId, DateTimeOffset OccurredAt) : IDomainEvent;
