using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Coupons.GetCouponCampaign;

public sealed record GetCouponCampaignQuery(string CampaignId) : IQuery<CouponCampaignDto>;
