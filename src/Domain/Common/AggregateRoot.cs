namespace CleanPrepay.Domain.Common;

/// <summary>
/// Base of every aggregate: a string id, an optimistic-concurrency <see cref="Version"/> that each
/// state change bumps, and the domain events raised since the aggregate was loaded.
/// </summary>
public abstract class AggregateRoot
{
    private readonly List<IDomainEvent> _events = [];

    public string Id { get; protected set; } = string.Empty;

    /// <summary>Concurrency token: a stale write fails instead of overwriting a newer one.</summary>
    public long Version { get; private set; }

    public IReadOnlyList<IDomainEvent> DomainEvents => _events;

    protected void Raise(IDomainEvent domainEvent) => _events.Add(domainEvent);

    protected void Touch() => Version++;

    public void ClearDomainEvents() => _events.Clear();
}
