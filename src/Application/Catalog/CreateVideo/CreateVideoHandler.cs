using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Catalog;
using CleanPrepay.Domain.Common;

namespace CleanPrepay.Application.Catalog.CreateVideo;

internal sealed class CreateVideoHandler(IApplicationDbContext db, TimeProvider time) : ICommandHandler<CreateVideoCommand, VideoDto>
{
    public Task<Result<VideoDto>> Handle(CreateVideoCommand r, CancellationToken cancellationToken)
    {
        var rent = CatalogInput.Offer(r.Rent);
        var buy = CatalogInput.Offer(r.Buy);
        if (!rent.IsSuccess || !buy.IsSuccess)
        {
            return Task.FromResult<Result<VideoDto>>(rent.Error ?? buy.Error!);
        }

        var video = Video.Create(r.Title!, rent.Value, buy.Value, r.Active ?? true, time.GetUtcNow(), r.RentOrBuyOnly ?? false);
        db.Videos.Add(video);
        return Task.FromResult<Result<VideoDto>>(VideoDto.From(video));
    }
}
