using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Customers.GetCustomer;

public sealed record GetCustomerQuery(string CustomerId) : IQuery<CustomerDto>, ICustomerScoped;
