namespace CleanPrepay.Domain.Common;

/// <summary>A fact that happened inside an aggregate. Dispatched only after the change is saved.</summary>
public interface IDomainEvent
{
    DateTimeOffset OccurredAt { get; }
}
