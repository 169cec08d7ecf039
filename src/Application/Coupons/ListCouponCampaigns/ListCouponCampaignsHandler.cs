using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Common;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Coupons.ListCouponCampaigns;

internal sealed class ListCouponCampaignsHandler(IApplicationDbContext db) : IQueryHandler<ListCouponCampaignsQuery, Page<CouponCampaignDto>>
{
    public async Task<Result<Page<CouponCampaignDto>>> Handle(ListCouponCampaignsQuery r, CancellationToken cancellationToken)
    {
        var query = db.CouponCampaigns.AsNoTracking();
        query = r.Status switch
        {
            CampaignStatus.Active => query.Where(c => c.ExpiredAt == null),
            CampaignStatus.Expired => query.Where(c => c.ExpiredAt != null),
            _ => query,
        };

        // Redemptions are counted for the page in one query; the per-currency totals are on GET by id.
        var page = await query.PageByIdAsync(r.Limit, r.Cursor, c => c, cancellationToken);
        var ids = page.Items.Select(c => c.Id).ToList();
        var counts = await db.CouponRedemptions.AsNoTracking().Where(x => ids.Contains(x.CampaignId))
            .GroupBy(x => x.CampaignId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return new Page<CouponCampaignDto>(page.Items.Select(c => CouponCampaignDto.From(c, counts.GetValueOrDefault(c.Id), [])).ToList(), page.NextCursor);
    }
}
