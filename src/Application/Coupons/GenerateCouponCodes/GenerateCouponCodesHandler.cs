using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Coupons.GenerateCouponCodes;

internal sealed class GenerateCouponCodesHandler(IApplicationDbContext db, ICouponCodeWriter writer, TimeProvider time)
    : ICommandHandler<GenerateCouponCodesCommand, GeneratedCodesDto>
{
    public async Task<Result<GeneratedCodesDto>> Handle(GenerateCouponCodesCommand r, CancellationToken cancellationToken)
    {
        var campaign = await db.CouponCampaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == r.CampaignId, cancellationToken);
        if (campaign is null)
        {
            return CouponCampaignReports.CampaignNotFound;
        }

        if (!campaign.Bulk)
        {
            return new Error("conflict", "This campaign has a single shared code; bulk codes belong to a bulk campaign.", ErrorKind.Conflict);
        }

        var codes = await writer.GenerateAsync(campaign.Id, r.Count!.Value, r.Prefix, time.GetUtcNow(), cancellationToken);
        return new GeneratedCodesDto(campaign.Id, codes.Count, codes);
    }
}
