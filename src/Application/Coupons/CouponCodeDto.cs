using CleanPrepay.Domain.Coupons;

namespace CleanPrepay.Application.Coupons;

public sealed record CouponCodeDto(string Code, string CampaignId, bool Bulk, string? RedeemedBy, DateTimeOffset? RedeemedAt, DateTimeOffset CreatedAt)
{
    public static CouponCodeDto From(CouponCode c) => new(c.Code, c.CampaignId, c.Bulk, c.RedeemedBy, c.RedeemedAt, c.CreatedAt);
}
