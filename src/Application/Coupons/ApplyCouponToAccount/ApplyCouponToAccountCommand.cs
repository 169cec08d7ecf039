using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Coupons.ApplyCouponToAccount;

/// <summary>A coupon kept on the account: it waits for the customer's next eligible order or subscription.</summary>
public sealed record ApplyCouponToAccountCommand(string? Code, string? CustomerId) : ICommand<AppliedCouponDto>, ICustomerSpending
{
    string ICustomerScoped.CustomerId => CustomerId ?? string.Empty;
}
