using CleanPrepay.Domain.Common;

namespace CleanPrepay.Domain.Coupons.Events;

/// <summary>A customer redeemed a code: to the account, an order or a subscription.</summary>
public sealed record CouponRedeemed(
    string RedemptionId, string CampaignId, string Code, string CustomerId, string? OrderId, string? SubscriptionId, long? Discount,
    string? Currency, DateTimeOffset OccurredAt) : IDomainEvent;
