using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.BonusRules.DeleteBonusRule;

internal sealed class DeleteBonusRuleHandler(IApplicationDbContext db, TimeProvider time) : ICommandHandler<DeleteBonusRuleCommand, bool>
{
    public async Task<Result<bool>> Handle(DeleteBonusRuleCommand r, CancellationToken cancellationToken)
    {
        var rule = await db.BonusRules.FirstOrDefaultAsync(b => b.Id == r.BonusRuleId && b.DeletedAt == null, cancellationToken);
        if (rule is null)
        {
            return Error.NotFound("The bonus rule");
        }

        rule.Delete(time.GetUtcNow());
        return true;
    }
}
