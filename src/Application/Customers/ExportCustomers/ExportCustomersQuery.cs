using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Domain.Customers;
using FluentValidation;

namespace CleanPrepay.Application.Customers.ExportCustomers;

/// <summary>
/// Every customer matching the filters, in id order, for a CRM or emailing tool (kinow "filtered
/// exports"). The answer is a lazy stream read while the caller writes it out: validation and the
/// staff check happen before the first row is read, and nothing is buffered.
/// </summary>
public sealed record ExportCustomersQuery(CustomerStatus? Status, bool? Newsletter, bool? OptIn)
    : IQuery<IAsyncEnumerable<CustomerExportRow>>;

/// <summary>One exported customer, in the export's column order.</summary>
public sealed record CustomerExportRow(
    string Id,
    string Email,
    string Name,
    string Language,
    string? Country,
    CustomerStatus Status,
    bool Newsletter,
    bool OptIn,
    DateTimeOffset RegisteredAt,
    DateTimeOffset? LastVisitAt);

internal sealed class ExportCustomersValidator : AbstractValidator<ExportCustomersQuery>
{
    public ExportCustomersValidator() => RuleFor(q => q.Status).IsInEnum();
}
