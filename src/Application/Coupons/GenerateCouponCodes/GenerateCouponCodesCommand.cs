using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Coupons.GenerateCouponCodes;

public sealed record GenerateCouponCodesCommand(string CampaignId, int? Count, string? Prefix) : ICommand<GeneratedCodesDto>;
