using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Catalog;
using CleanPrepay.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Catalog.UpdatePlan;

internal sealed class UpdatePlanHandler(IApplicationDbContext db) : ICommandHandler<UpdatePlanCommand, PlanDto>
{
    public async Task<Result<PlanDto>> Handle(UpdatePlanCommand r, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.FirstOrDefaultAsync(p => p.Id == r.PlanId, cancellationToken);
        if (plan is null)
        {
            return CatalogInput.PlanNotFound;
        }

        PriceList? prices = null;
        if (r.Price is not null)
        {
            var created = CatalogInput.Prices(r.Price, r.Prices);
            if (!created.IsSuccess)
            {
                return created.Error;
            }

            prices = created.Value;
        }

        if (await PlanCoverageInput.ApplyAsync(db, plan, r.Coverage, r.VideoIds, cancellationToken) is { } refused)
        {
            return refused;
        }

        plan.Update(r.Name, prices, r.TrialDays, r.CardlessTrial, r.MinPrepayment?.ToMoney(), r.Active);
        return PlanDto.From(plan);
    }
}
