using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Coupons.GetCouponCampaign;

internal sealed class GetCouponCampaignHandler(IApplicationDbContext db) : IQueryHandler<GetCouponCampaignQuery, CouponCampaignDto>
{
    public async Task<Result<CouponCampaignDto>> Handle(GetCouponCampaignQuery r, CancellationToken cancellationToken) =>
        await db.CouponCampaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == r.CampaignId, cancellationToken) is { } campaign
            ? await CouponCampaignReports.WithReportAsync(db, campaign, cancellationToken)
            : CouponCampaignReports.CampaignNotFound;
}
