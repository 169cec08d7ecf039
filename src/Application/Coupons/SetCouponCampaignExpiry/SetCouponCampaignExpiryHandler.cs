using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Coupons.SetCouponCampaignExpiry;

internal sealed class SetCouponCampaignExpiryHandler(IApplicationDbContext db, TimeProvider time) : ICommandHandler<SetCouponCampaignExpiryCommand, CouponCampaignDto>
{
    public async Task<Result<CouponCampaignDto>> Handle(SetCouponCampaignExpiryCommand r, CancellationToken cancellationToken)
    {
        var campaign = await db.CouponCampaigns.FirstOrDefaultAsync(c => c.Id == r.CampaignId, cancellationToken);
        if (campaign is null)
        {
            return CouponCampaignReports.CampaignNotFound;
        }

        if (r.Expire)
        {
            campaign.Expire(time.GetUtcNow());
        }
        else
        {
            campaign.Restore();
        }

        return await CouponCampaignReports.WithReportAsync(db, campaign, cancellationToken);
    }
}
