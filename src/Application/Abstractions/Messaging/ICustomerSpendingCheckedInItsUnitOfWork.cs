namespace CleanPrepay.Application.Abstractions.Messaging;

/// <summary>
/// Customer spending whose handler reads the customer's standing itself, inside the unit of work that
/// spends (where a deactivation racing the request also wins). The pipeline then skips its own check,
/// which would be one more round trip before the transaction.
/// </summary>
public interface ICustomerSpendingCheckedInItsUnitOfWork : ICustomerSpending;
