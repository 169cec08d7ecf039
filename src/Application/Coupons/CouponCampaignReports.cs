using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Coupons;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Coupons;

/// <summary>What the staff campaign use cases answer: a campaign with its report, or its not-found error.</summary>
internal static class CouponCampaignReports
{
    public static readonly Error CampaignNotFound = Error.NotFound("The coupon campaign");

    /// <summary>The campaign with its report: redemptions (rows, attached or applied) and the discount granted per currency.</summary>
    public static async Task<CouponCampaignDto> WithReportAsync(IApplicationDbContext db, CouponCampaign campaign, CancellationToken ct) =>
        CouponCampaignDto.From(
            campaign,
            await db.CouponRedemptions.AsNoTracking().CountAsync(r => r.CampaignId == campaign.Id, ct),
            await GrantedAsync(db, campaign.Id, ct));

    /// <summary>Discount granted by the campaign's applied redemptions, per currency.</summary>
    private static async Task<IReadOnlyList<MoneyDto>> GrantedAsync(IApplicationDbContext db, string campaignId, CancellationToken ct) =>
        (await db.CouponRedemptions.AsNoTracking()
            .Where(r => r.CampaignId == campaignId && r.Status == RedemptionStatus.Applied && r.Currency != null)
            .GroupBy(r => r.Currency!)
            .Select(g => new { Currency = g.Key, Amount = g.Sum(r => r.DiscountAmount ?? 0) })
            .ToListAsync(ct))
        .OrderBy(g => g.Currency, StringComparer.Ordinal)
        .Select(g => new MoneyDto(g.Amount, g.Currency))
        .ToList();
}
