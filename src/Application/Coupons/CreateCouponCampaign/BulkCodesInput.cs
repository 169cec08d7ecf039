namespace CleanPrepay.Application.Coupons.CreateCouponCampaign;

public sealed record BulkCodesInput(int? Count, string? Prefix);
