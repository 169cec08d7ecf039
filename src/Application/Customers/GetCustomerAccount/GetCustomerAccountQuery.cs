using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Customers.GetCustomerAccount;

/// <summary>One customer's account view: profile and activity figures (a customer may read only their own).</summary>
public sealed record GetCustomerAccountQuery(string CustomerId) : IQuery<CustomerAccountDto>, ICustomerScoped;
