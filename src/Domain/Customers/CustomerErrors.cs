using CleanPrepay.Domain.Common;

namespace CleanPrepay.Domain.Customers;

public static class CustomerErrors
{
    public static readonly Error NotFound = Error.NotFound("The customer");

    /// <summary>A customer changing a field only the back office changes (ADR 0029): the same answer whatever the value, so it reveals nothing.</summary>
    public static Error StaffOnlyField(string field) =>
        new("forbidden", $"Only the back office can change an account's {field}; ask support (the Messages tab).", ErrorKind.Forbidden);

    /// <summary>An inactive account spends nothing until the back office reactivates it.</summary>
    public static readonly Error Inactive = new(
        "customer_inactive", "This customer account is inactive: it cannot pay, top up, subscribe or redeem a coupon until it is reactivated.", ErrorKind.Forbidden);

    public static Error EmailTaken(string email) =>
        Error.Conflict($"A customer with the email '{email}' already exists.");
}
