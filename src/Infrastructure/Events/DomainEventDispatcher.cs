using System.Collections.Concurrent;
using CleanPrepay.Application.Abstractions.Events;
using CleanPrepay.Domain.Common;
using MediatR;

namespace CleanPrepay.Infrastructure.Events;

/// <summary>Publishes committed domain events to in-process MediatR handlers.</summary>
internal sealed class DomainEventDispatcher(IMediator mediator) : IDomainEventDispatcher
{
    private static readonly ConcurrentDictionary<Type, Type> NotificationTypes = new();

    public async Task DispatchAsync(IReadOnlyCollection<IDomainEvent> events, CancellationToken cancellationToken)
    {
        foreach (var domainEvent in events)
        {
            var type = NotificationTypes.GetOrAdd(domainEvent.GetType(), t => typeof(DomainEventNotification<>).MakeGenericType(t));
            var notification = (INotification)Activator.CreateInstance(type, domainEvent)!;
            await mediator.Publish(notification, cancellationToken);
        }
    }
}
