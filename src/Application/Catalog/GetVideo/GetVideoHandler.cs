using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Catalog.GetVideo;

internal sealed class GetVideoHandler(IApplicationDbContext db) : IQueryHandler<GetVideoQuery, VideoDto>
{
    public async Task<Result<VideoDto>> Handle(GetVideoQuery r, CancellationToken cancellationToken) =>
        await db.Videos.AsNoTracking().FirstOrDefaultAsync(v => v.Id == r.VideoId, cancellationToken) is { } video
            ? VideoDto.From(video)
            : CatalogInput.VideoNotFound;
}
