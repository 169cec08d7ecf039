using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Catalog.GetPlan;

internal sealed class GetPlanHandler(IApplicationDbContext db) : IQueryHandler<GetPlanQuery, PlanDto>
{
    public async Task<Result<PlanDto>> Handle(GetPlanQuery r, CancellationToken cancellationToken) =>
        await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == r.PlanId, cancellationToken) is { } plan
            ? PlanDto.From(plan)
            : CatalogInput.PlanNotFound;
}
