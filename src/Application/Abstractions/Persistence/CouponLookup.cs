using CleanPrepay.Domain.Coupons;

namespace CleanPrepay.Application.Abstractions.Persistence;

/// <summary>A code with its campaign, and what the customer already did with that campaign.</summary>
public sealed record CouponLookup(CouponCode Code, CouponCampaign Campaign, bool CustomerExists, bool AlreadyRedeemed);
