using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Coupons;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Coupons.UpdateCouponCampaign;

internal sealed class UpdateCouponCampaignHandler(IApplicationDbContext db, IRowLocker locker) : ICommandHandler<UpdateCouponCampaignCommand, CouponCampaignDto>
{
    public async Task<Result<CouponCampaignDto>> Handle(UpdateCouponCampaignCommand r, CancellationToken cancellationToken)
    {
        await locker.LockAsync<CouponCampaign>(nameof(CouponCampaign.Id), r.CampaignId, cancellationToken);
        var campaign = await db.CouponCampaigns.FirstOrDefaultAsync(c => c.Id == r.CampaignId, cancellationToken);
        if (campaign is null)
        {
            return CouponCampaignReports.CampaignNotFound;
        }

        var redeemed = campaign.Redemptions;
        if (r.MaxRedemptions is not null && campaign.MaxRedemptions is null)
        {
            // A first cap starts the counter from the rows. Hold new redemptions off while counting
            // (they wait for this commit, then see the cap in their check before committing).
            await locker.LockTableAgainstWritesAsync<CouponRedemption>(cancellationToken);
            redeemed = await db.CouponRedemptions.CountAsync(x => x.CampaignId == campaign.Id, cancellationToken);
        }

        var edited = campaign.Edit(r.Name, r.MaxRedemptions, r.RedeemBy, redeemed);
        return edited.IsSuccess ? await CouponCampaignReports.WithReportAsync(db, campaign, cancellationToken) : edited.Error;
    }
}
