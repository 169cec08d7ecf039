using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Common.Contracts;

namespace CleanPrepay.Application.Customers.ListCustomerProducts;

/// <summary>The distinct products of the customer's paid orders, most recently first bought first.</summary>
public sealed record ListCustomerProductsQuery(string CustomerId, int? Limit, string? Cursor)
    : IQuery<Page<CustomerProductDto>>, ICustomerScoped, IPagedQuery;
