using CleanPrepay.Domain.Customers;

namespace CleanPrepay.Application.Customers.ExportCustomers;

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
