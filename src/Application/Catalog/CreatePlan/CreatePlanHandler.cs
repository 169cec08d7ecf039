using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Catalog;
using CleanPrepay.Domain.Common;

namespace CleanPrepay.Application.Catalog.CreatePlan;

internal sealed class CreatePlanHandler(IApplicationDbContext db, TimeProvider time) : ICommandHandler<CreatePlanCommand, PlanDto>
{
    public async Task<Result<PlanDto>> Handle(CreatePlanCommand r, CancellationToken cancellationToken)
    {
        var prices = CatalogInput.Prices(r.Price!, r.Prices);
        if (!prices.IsSuccess)
        {
            return prices.Error;
        }

        var plan = Plan.Create(
            r.Name!, prices.Value, r.Interval!.Value, r.IntervalCount ?? 1, r.TrialDays ?? 0, r.CardlessTrial ?? false,
            r.Billing ?? BillingMode.Fixed, r.BillingDay ?? 1, r.MinPrepayment?.ToMoney(), r.Active ?? true, time.GetUtcNow());
        if (await PlanCoverageInput.ApplyAsync(db, plan, r.Coverage, r.VideoIds, cancellationToken) is { } refused)
        {
            return refused;
        }

        db.Plans.Add(plan);
        return PlanDto.From(plan);
    }
}
