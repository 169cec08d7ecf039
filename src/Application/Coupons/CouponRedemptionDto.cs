using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Coupons;

namespace CleanPrepay.Application.Coupons;

public sealed record CouponRedemptionDto(
    string Id, string CampaignId, string CampaignName, string Code, string CustomerId, RedemptionStatus Status, string? OrderId, string? SubscriptionId,
    MoneyDto? Discount, DateTimeOffset RedeemedAt, DateTimeOffset? AppliedAt)
{
    public static CouponRedemptionDto From(CouponRedemption r) => new(
        r.Id, r.CampaignId, r.CampaignName, r.Code, r.CustomerId, r.Status, r.OrderId, r.SubscriptionId,
        r.DiscountAmount is { } amount ? new MoneyDto(amount, r.Currency!) : null, r.RedeemedAt, r.AppliedAt);
}
