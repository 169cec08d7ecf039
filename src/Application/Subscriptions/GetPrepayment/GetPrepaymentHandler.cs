using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Subscriptions.GetPrepayment;

internal sealed class GetPrepaymentHandler(IApplicationDbContext db, ICurrentUser user) : IQueryHandler<GetPrepaymentQuery, PrepaymentDto>
{
    public static readonly Error NotFound = Error.NotFound("The prepayment");

    public async Task<Result<PrepaymentDto>> Handle(GetPrepaymentQuery r, CancellationToken ct)
    {
        var prepayment = await db.Prepayments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == r.PrepaymentId, ct);
        return prepayment is null || (!user.IsAdmin && prepayment.CustomerId != user.CustomerId) ? NotFound : PrepaymentDto.From(prepayment);
    }
}
