using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Coupons.ApplyCouponToSubscription;

/// <summary>A coupon on an open subscription: its coming charges for the coupon's duration, or a longer trial.</summary>
public sealed record ApplyCouponToSubscriptionCommand(string? Code, string? CustomerId, string SubscriptionId)
    : ICommand<AppliedCouponDto>, ICustomerSpending
{
    string ICustomerScoped.CustomerId => CustomerId ?? string.Empty;
}
