using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Coupons;

namespace CleanPrepay.Application.Coupons;

public sealed record CouponCampaignDto(
    string Id,
    string Name,
    int? PercentOff,
    MoneyDto? AmountOff,
    IReadOnlyList<MoneyDto> AmountsOff,
    int? FreeTrialDays,
    CouponDuration Duration,
    int? DurationInMonths,
    CouponScope AppliesTo,
    IReadOnlyList<string> PlanIds,
    IReadOnlyList<string> PackageIds,
    int? MaxRedemptions,
    DateTimeOffset? RedeemBy,
    string? Code,
    bool Bulk,
    CampaignStatus Status,
    DateTimeOffset? ExpiredAt,
    DateTimeOffset CreatedAt,
    int Redemptions,
    IReadOnlyList<MoneyDto> DiscountGranted)
{
    public static CouponCampaignDto From(CouponCampaign c, int redemptions, IReadOnlyList<MoneyDto> granted) => new(
        c.Id, c.Name, c.PercentOffBasisPoints, c.AmountOff.Count > 0 ? MoneyDto.From(c.AmountOff[0]) : null,
        c.AmountOff.Select(MoneyDto.From).ToList(), c.FreeTrialDays, c.Duration, c.DurationInMonths, c.AppliesTo, c.PlanIds, c.PackageIds,
        c.MaxRedemptions, c.RedeemBy, c.Code, c.Bulk, c.ExpiredAt is null ? CampaignStatus.Active : CampaignStatus.Expired, c.ExpiredAt,
        c.CreatedAt, redemptions, granted);
}
