using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Domain.Customers;

namespace CleanPrepay.Application.Customers.UpdateCustomer;

/// <summary>PATCH semantics: only the fields given change.</summary>
public sealed record UpdateCustomerCommand(
    string CustomerId,
    string? Email,
    string? Name,
    string? Language,
    string? Country,
    bool? Newsletter,
    bool? OptIn,
    CustomerStatus? Status) : ICommand<CustomerDto>, ICustomerScoped;
