using CleanPrepay.Domain.Common;

namespace CleanPrepay.Domain.Customers;

public static class CustomerErrors
{
    public static readonly Error NotFound = Error.NotFound("The customer");

    public static Error EmailTaken(string email) =>
        Error.Conflict($"A customer with the email '{email}' already exists.");
}
