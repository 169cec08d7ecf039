using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Coupons.SetCouponCampaignExpiry;

/// <summary>Expires (<see cref="Expire"/> true) or restores a campaign. Both are idempotent.</summary>
public sealed record SetCouponCampaignExpiryCommand(string CampaignId, bool Expire) : ICommand<CouponCampaignDto>;
