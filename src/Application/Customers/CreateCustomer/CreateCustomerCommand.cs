using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Customers.CreateCustomer;

public sealed record CreateCustomerCommand(
    string? Email, string? Name, string? Language, string? Country, bool? Newsletter, bool? OptIn) : ICommand<CustomerDto>;
