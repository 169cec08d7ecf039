using CleanPrepay.Domain.Common;

namespace CleanPrepay.Application.Abstractions.Events;

/// <summary>Publishes domain events in-process, after the transaction that raised them has committed.</summary>
public interface IDomainEventDispatcher
{
    Task DispatchAsync(IReadOnlyCollection<IDomainEvent> events, CancellationToken cancellationToken);
}
