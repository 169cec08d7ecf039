using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Coupons.UpdateCouponCampaign;

public sealed record UpdateCouponCampaignCommand(string CampaignId, string? Name, int? MaxRedemptions, DateTimeOffset? RedeemBy) : ICommand<CouponCampaignDto>;
