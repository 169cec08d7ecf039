using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Common;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Catalog.ListVideos;

internal sealed class ListVideosHandler(IApplicationDbContext db, ICurrentUser user) : IQueryHandler<ListVideosQuery, Page<VideoDto>>
{
    public async Task<Result<Page<VideoDto>>> Handle(ListVideosQuery r, CancellationToken cancellationToken)
    {
        var query = db.Videos.AsNoTracking();
        var active = user.IsAdmin ? r.Active : true;
        if (active is { } a)
        {
            query = query.Where(v => v.Active == a);
        }

        return await query.PageByIdAsync(r.Limit, r.Cursor, VideoDto.From, cancellationToken);
    }
}
