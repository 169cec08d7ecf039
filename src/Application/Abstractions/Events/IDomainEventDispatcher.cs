using CleanPrepay.Domain.Common;
using MediatR;

namespace CleanPrepay.Application.Abstractions.Events;

/// <summary>Publishes domain events in-process, after the transaction that raised them has committed.</summary>
public interface IDomainEventDispatcher
{
    Task DispatchAsync(IReadOnlyCollection<IDomainEvent> events, CancellationToken cancellationToken);
}

/// <summary>MediatR notification carrying a domain event (the domain itself knows nothing of MediatR).</summary>
public sealed record DomainEventNotification<TEvent>(TEvent DomainEvent) : INotification
    where TEvent : IDomainEvent;
