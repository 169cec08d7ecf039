using CleanPrepay.Application.Orders;
using CleanPrepay.Application.Subscriptions;

namespace CleanPrepay.Application.Coupons;

/// <summary>What ApplyCoupon answers, whichever target: the redemption, and the order or subscription it changed.</summary>
public sealed record AppliedCouponDto(CouponRedemptionDto Redemption, OrderDto? Order, SubscriptionDto? Subscription = null);
