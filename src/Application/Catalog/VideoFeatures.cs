using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Catalog;
using CleanPrepay.Domain.Common;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Catalog;

public sealed record CreateVideoCommand(string? Title, OfferInput? Rent, OfferInput? Buy, bool? Active, bool? RentOrBuyOnly = null) : ICommand<VideoDto>;

internal sealed class CreateVideoValidator : AbstractValidator<CreateVideoCommand>
{
    public CreateVideoValidator()
    {
        RuleFor(c => c.Title).NotEmpty().WithMessage("The title is required.").MaximumLength(300);
        RuleFor(c => c).Must(c => c.Rent is not null || c.Buy is not null).OverridePropertyName("rent")
            .WithMessage("A video is sold to rent, to buy, or both: give rent or buy.");
        RuleFor(c => c.Rent!).SetValidator(new OfferInputValidator(rent: true)).When(c => c.Rent is not null);
        RuleFor(c => c.Buy!).SetValidator(new OfferInputValidator(rent: false)).When(c => c.Buy is not null);
    }
}

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

public sealed record UpdateVideoCommand(string VideoId, string? Title, OfferInput? Rent, OfferInput? Buy, bool? Active, bool? RentOrBuyOnly = null) : ICommand<VideoDto>;

internal sealed class UpdateVideoValidator : AbstractValidator<UpdateVideoCommand>
{
    public UpdateVideoValidator()
    {
        RuleFor(c => c.Title).NotEmpty().MaximumLength(300).When(c => c.Title is not null);
        RuleFor(c => c.Rent!).SetValidator(new OfferInputValidator(rent: true)).When(c => c.Rent is not null);
        RuleFor(c => c.Buy!).SetValidator(new OfferInputValidator(rent: false)).When(c => c.Buy is not null);
    }
}

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

public sealed record GetVideoQuery(string VideoId) : IQuery<VideoDto>;

internal sealed class GetVideoHandler(IApplicationDbContext db) : IQueryHandler<GetVideoQuery, VideoDto>
{
    public async Task<Result<VideoDto>> Handle(GetVideoQuery r, CancellationToken cancellationToken) =>
        await db.Videos.AsNoTracking().FirstOrDefaultAsync(v => v.Id == r.VideoId, cancellationToken) is { } video
            ? VideoDto.From(video)
            : CatalogInput.VideoNotFound;
}

public sealed record ListVideosQuery(bool? Active, int? Limit, string? Cursor) : IQuery<Page<VideoDto>>, IPagedQuery;

internal sealed class ListVideosValidator : PagedQueryValidator<ListVideosQuery>;

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
