using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Coupons.ApplyCouponToOrder;

/// <summary>
/// A coupon on an unpaid order of the customer: totals and tax recomputed, and the amount of its open
/// payment and of a subscription prepayment with them.
/// </summary>
public sealed record ApplyCouponToOrderCommand(string? Code, string? CustomerId, string OrderId) : ICommand<AppliedCouponDto>, ICustomerSpending
{
    string ICustomerScoped.CustomerId => CustomerId ?? string.Empty;
}
