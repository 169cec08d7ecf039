using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Customers;

namespace CleanPrepay.Application.Customers.ListCustomers;

public sealed record ListCustomersQuery(CustomerStatus? Status, bool? Newsletter, bool? OptIn, int? Limit, string? Cursor)
    : IQuery<Page<CustomerDto>>, IPagedQuery;
