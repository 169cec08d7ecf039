using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Customers;

namespace CleanPrepay.Application.Customers.ListCustomers;

/// <param name="Q">An exact email, or the start of an email or of a name, without case.</param>
public sealed record ListCustomersQuery(string? Q, CustomerStatus? Status, bool? Newsletter, bool? OptIn, int? Limit, string? Cursor)
    : IQuery<Page<CustomerDto>>, IPagedQuery;
