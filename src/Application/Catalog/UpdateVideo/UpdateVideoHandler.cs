using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Catalog.UpdateVideo;

internal sealed class UpdateVideoHandler(IApplicationDbContext db) : ICommandHandler<UpdateVideoCommand, VideoDto>
{
    public async Task<Result<VideoDto>> Handle(UpdateVideoCommand r, CancellationToken cancellationToken)
    {
        var video = await db.Videos.FirstOrDefaultAsync(v => v.Id == r.VideoId, cancellationToken);
        if (video is null)
        {
            return CatalogInput.VideoNotFound;
        }

        var rent = CatalogInput.Offer(r.Rent);
        var buy = CatalogInput.Offer(r.Buy);
        if (!rent.IsSuccess || !buy.IsSuccess)
        {
            return rent.Error ?? buy.Error!;
        }

        video.Update(r.Title, rent.Value, buy.Value, r.Active, r.RentOrBuyOnly);
        return VideoDto.From(video);
    }
}
