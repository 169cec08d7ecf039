using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Wallets.AutoTopUps;
using CleanPrepay.Domain.Common;

namespace CleanPrepay.Application.Wallets.GetAutoTopUp;

internal sealed class GetAutoTopUpHandler(IApplicationDbContext db, TimeProvider time) : IQueryHandler<GetAutoTopUpQuery, AutoTopUpDto>
{
    public async Task<Result<AutoTopUpDto>> Handle(GetAutoTopUpQuery request, CancellationToken ct)
    {
        var found = await AutoTopUpReads.FindAsync(Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AsNoTracking(db.AutoTopUps), request.CustomerId, request.Currency, ct);
        return found.IsSuccess ? AutoTopUpDto.From(found.Value, time.GetUtcNow()) : found.Error;
    }
}
