using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Catalog;
using CleanPrepay.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Infrastructure.Persistence;

internal sealed class PlaceOrderReads(CleanPrepayDbContext db) : IPlaceOrderReads
{
    public Task<Customer?> CustomerAsync(string customerId, CancellationToken cancellationToken) =>
        PerModel<Compiled>.For(db).Customer(db, customerId, cancellationToken);

    public async Task<Dictionary<string, Video>> VideosAsync(IReadOnlyCollection<string> videoIds, CancellationToken cancellationToken)
    {
        var compiled = PerModel<Compiled>.For(db);
        var videos = new Dictionary<string, Video>(videoIds.Count, StringComparer.Ordinal);
        if (videoIds.Count == 1)
        {
            // Nearly every order holds one video: a plain key lookup, no collection parameter.
            if (await compiled.Video(db, videoIds.First(), cancellationToken) is { } video)
            {
                videos[video.Id] = video;
            }

            return videos;
        }

        await foreach (var video in compiled.Videos(db, [.. videoIds]).WithCancellation(cancellationToken))
        {
            videos[video.Id] = video;
        }

        return videos;
    }

    private sealed class Compiled
    {
        // Whether coupons wait on the account is the customer's AttachedCoupons counter, so this stays a
        // primary-key read with no subquery on coupon_redemptions (ADR 0017).
        public readonly Func<CleanPrepayDbContext, string, CancellationToken, Task<Customer?>> Customer =
            EF.CompileAsyncQuery((CleanPrepayDbContext ctx, string id, CancellationToken _) =>
                ctx.Customers.AsNoTracking().FirstOrDefault(c => c.Id == id));

        public readonly Func<CleanPrepayDbContext, string, CancellationToken, Task<Video?>> Video =
            EF.CompileAsyncQuery((CleanPrepayDbContext ctx, string id, CancellationToken _) =>
                ctx.Videos.AsNoTracking().FirstOrDefault(v => v.Id == id));

        public readonly Func<CleanPrepayDbContext, string[], IAsyncEnumerable<Video>> Videos =
            EF.CompileAsyncQuery((CleanPrepayDbContext ctx, string[] ids) =>
                ctx.Videos.AsNoTracking().Where(v => ids.Contains(v.Id)));
    }
}
