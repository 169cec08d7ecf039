using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Coupons;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Coupons.CreateCouponCampaign;

internal sealed class CreateCouponCampaignHandler(IApplicationDbContext db, ICouponCodeWriter writer, TimeProvider time)
    : ICommandHandler<CreateCouponCampaignCommand, CouponCampaignDto>
{
    public async Task<Result<CouponCampaignDto>> Handle(CreateCouponCampaignCommand r, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var amounts = r.AmountOff is null ? null : new[] { r.AmountOff }.Concat(r.AmountsOff ?? []).Select(m => m!.ToMoney()).ToList();
        var planIds = r.PlanIds?.Select(p => p!).ToList();
        if (planIds is { Count: > 0 })
        {
            var known = await db.Plans.AsNoTracking().Where(p => planIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken);
            if (planIds.Except(known).FirstOrDefault() is { } unknown)
            {
                return Error.NotFound($"The plan '{unknown}'");
            }
        }

        var packageIds = r.PackageIds?.Select(p => p!).ToList();
        if (packageIds is { Count: > 0 })
        {
            var known = await db.PrepaymentPackages.AsNoTracking().Where(p => packageIds.Contains(p.Id) && p.DeletedAt == null).Select(p => p.Id).ToListAsync(cancellationToken);
            if (packageIds.Except(known).FirstOrDefault() is { } unknown)
            {
                return Error.NotFound($"The prepayment package '{unknown}'");
            }
        }

        var terms = new CouponTerms(
            r.Name!, r.PercentOff, amounts, r.FreeTrialDays, r.Duration!.Value, r.DurationInMonths, r.AppliesTo!.Value, planIds, r.MaxRedemptions, r.RedeemBy, packageIds);
        var created = CouponCampaign.Create(terms, r.Code, r.Bulk is not null, now);
        if (!created.IsSuccess)
        {
            return created.Error;
        }

        var campaign = created.Value;
        db.CouponCampaigns.Add(campaign);
        if (r.Code is { } code)
        {
            var key = CouponCode.Normalize(code);
            if (await db.CouponCodes.AsNoTracking().AnyAsync(c => c.Key == key, cancellationToken))
            {
                return Error.Conflict($"The code '{code}' already exists (codes match without case, spaces or hyphens).");
            }

            db.CouponCodes.Add(new CouponCode(campaign.Id, code, bulk: false, now));
        }
        else
        {
            await writer.GenerateAsync(campaign.Id, r.Bulk!.Count!.Value, r.Bulk.Prefix, now, cancellationToken);
        }

        return CouponCampaignDto.From(campaign, 0, []);
    }
}
