namespace CleanPrepay.Application.Coupons;

public sealed record GeneratedCodesDto(string CampaignId, int Count, IReadOnlyList<string> Codes);
