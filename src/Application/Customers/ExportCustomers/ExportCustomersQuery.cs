using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Domain.Customers;

namespace CleanPrepay.Application.Customers.ExportCustomers;

/// <summary>
/// Every customer matching the filters, in id order, for a CRM or emailing tool (kinow "filtered
/// exports"). The answer is a lazy stream read while the caller writes it out: validation and the
/// staff check happen before the first row is read, and nothing is buffered.
/// </summary>
public sealed record ExportCustomersQuery(string? Q, CustomerStatus? Status, bool? Newsletter, bool? OptIn)
    : IQuery<IAsyncEnumerable<CustomerExportRow>>;
