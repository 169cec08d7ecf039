using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Common;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Coupons.ListCouponCodes;

internal sealed class ListCouponCodesHandler(IApplicationDbContext db) : IQueryHandler<ListCouponCodesQuery, Page<CouponCodeDto>>
{
    public async Task<Result<Page<CouponCodeDto>>> Handle(ListCouponCodesQuery r, CancellationToken cancellationToken)
    {
        if (!await db.CouponCampaigns.AsNoTracking().AnyAsync(c => c.Id == r.CampaignId, cancellationToken))
        {
            return CouponCampaignReports.CampaignNotFound;
        }

        var query = db.CouponCodes.AsNoTracking().Where(c => c.CampaignId == r.CampaignId);
        if (r.Redeemed is { } redeemed)
        {
            query = redeemed ? query.Where(c => c.RedeemedAt != null) : query.Where(c => c.RedeemedAt == null);
        }

        if (Cursor.TryDecode(r.Cursor, out var after))
        {
            query = query.Where(c => string.Compare(c.Key, after) > 0);
        }

        var take = r.Limit ?? Cursor.DefaultLimit;
        var rows = await query.OrderBy(c => c.Key).Take(take + 1).ToListAsync(cancellationToken);
        return Cursor.ToPage(rows, take, c => c.Key, CouponCodeDto.From);
    }
}
