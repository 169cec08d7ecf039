using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Customers;
using CleanPrepay.Domain.Views;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Views.RecordView;

internal sealed class RecordViewHandler(IApplicationDbContext db, IEntitlementReader entitlements, TimeProvider time) : ICommandHandler<RecordViewCommand, ViewDto>
{
    public static readonly Error VideoNotFound = Error.NotFound("The video");

    public static readonly Error NotEntitled = new(
        "not_entitled", "The customer has no active access to this video (rental, purchase, subscription or manual grant).", ErrorKind.Unprocessable);

    public async Task<Result<ViewDto>> Handle(RecordViewCommand request, CancellationToken cancellationToken)
    {
        var videoId = request.VideoId!;
        if (!await db.Customers.AsNoTracking().AnyAsync(c => c.Id == request.CustomerId, cancellationToken))
        {
            return CustomerErrors.NotFound;
        }

        if (!await db.Videos.AsNoTracking().AnyAsync(v => v.Id == videoId, cancellationToken))
        {
            return VideoNotFound;
        }

        var now = time.GetUtcNow();
        if (!await entitlements.IsEntitledAsync(request.CustomerId, videoId, now, cancellationToken))
        {
            return NotEntitled;
        }

        var view = ViewRecord.Record(request.CustomerId, videoId, request.Seconds!.Value, now);
        db.Views.Add(view);
        return new ViewDto(view.Id, view.VideoId, view.Seconds, view.RecordedAt);
    }
}
