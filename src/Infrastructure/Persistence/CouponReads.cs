using CleanPrepay.Application.Abstractions.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Infrastructure.Persistence;

internal sealed class CouponReads(CleanPrepayDbContext db) : ICouponReads
{
    public Task<CouponLookup?> FindAsync(string key, string customerId, CancellationToken cancellationToken) =>
        PerModel<Compiled>.For(db).Find(db, key, customerId, cancellationToken);

    public async Task<(int? MaxRedemptions, DateTimeOffset? ExpiredAt)> CapAsync(string campaignId, CancellationToken cancellationToken)
    {
        var cap = await PerModel<Compiled>.For(db).Cap(db, campaignId, cancellationToken)
            ?? throw new InvalidOperationException($"Campaign {campaignId} vanished.");
        return (cap.MaxRedemptions, cap.ExpiredAt);
    }

    private sealed record CapRow(int? MaxRedemptions, DateTimeOffset? ExpiredAt);

    private sealed class Compiled
    {
        public readonly Func<CleanPrepayDbContext, string, string, CancellationToken, Task<CouponLookup?>> Find =
            EF.CompileAsyncQuery((CleanPrepayDbContext ctx, string key, string customerId, CancellationToken _) =>
                ctx.CouponCodes.AsNoTracking()
                    .Where(c => c.Key == key)
                    .Join(ctx.CouponCampaigns.AsNoTracking(), c => c.CampaignId, p => p.Id, (c, p) => new { Code = c, Campaign = p })
                    .Select(x => new CouponLookup(
                        x.Code,
                        x.Campaign,
                        ctx.Customers.Any(c => c.Id == customerId),
                        ctx.CouponRedemptions.Any(r => r.CampaignId == x.Campaign.Id && r.CustomerId == customerId)))
                    .FirstOrDefault());

        public readonly Func<CleanPrepayDbContext, string, CancellationToken, Task<CapRow?>> Cap =
            EF.CompileAsyncQuery((CleanPrepayDbContext ctx, string id, CancellationToken _) =>
                ctx.CouponCampaigns.AsNoTracking().Where(c => c.Id == id).Select(c => new CapRow(c.MaxRedemptions, c.ExpiredAt)).FirstOrDefault());
    }
}
