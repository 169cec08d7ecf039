namespace CleanPrepay.Application.Subscriptions;

public sealed record SubscriptionCouponDto(string Code, string CampaignId, DateOnly? Until);
