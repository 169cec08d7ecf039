namespace CleanPrepay.Application.Abstractions.Messaging;

/// <summary>A request about one customer's resources: a customer may only name their own id.</summary>
public interface ICustomerScoped
{
    string CustomerId { get; }
}
