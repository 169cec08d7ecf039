using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Coupons;

namespace CleanPrepay.Application.Coupons.CreateCouponCampaign;

public sealed record CreateCouponCampaignCommand(
    string? Name,
    int? PercentOff,
    MoneyInput? AmountOff,
    IReadOnlyList<MoneyInput?>? AmountsOff,
    int? FreeTrialDays,
    CouponDuration? Duration,
    int? DurationInMonths,
    CouponScope? AppliesTo,
    IReadOnlyList<string?>? PlanIds,
    int? MaxRedemptions,
    DateTimeOffset? RedeemBy,
    string? Code,
    BulkCodesInput? Bulk,
    IReadOnlyList<string?>? PackageIds = null) : ICommand<CouponCampaignDto>;
