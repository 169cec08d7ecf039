using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Common;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Catalog.ListPlans;

internal sealed class ListPlansHandler(IApplicationDbContext db, ICurrentUser user) : IQueryHandler<ListPlansQuery, Page<PlanDto>>
{
    public async Task<Result<Page<PlanDto>>> Handle(ListPlansQuery r, CancellationToken cancellationToken)
    {
        var query = db.Plans.AsNoTracking();
        var active = user.IsAdmin ? r.Active : true;
        if (active is { } a)
        {
            query = query.Where(p => p.Active == a);
        }

        return await query.PageByIdAsync(r.Limit, r.Cursor, PlanDto.From, cancellationToken);
    }
}
