using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Bonuses;
using CleanPrepay.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.BonusRules.CreateBonusRule;

internal sealed class CreateBonusRuleHandler(IApplicationDbContext db, TimeProvider time) : ICommandHandler<CreateBonusRuleCommand, BonusRuleDto>
{
    public async Task<Result<BonusRuleDto>> Handle(CreateBonusRuleCommand r, CancellationToken cancellationToken)
    {
        if (r.PlanId is not null && !await db.Plans.AnyAsync(p => p.Id == r.PlanId, cancellationToken))
        {
            return Error.Validation("planId", $"There is no plan '{r.PlanId}'.");
        }

        var rule = BonusRule.Create(r.Trigger!.Value, r.PlanId, r.GrantCredits, r.GrantAmount?.ToMoney(), time.GetUtcNow());
        db.BonusRules.Add(rule);
        return BonusRuleDto.From(rule);
    }
}
