using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Common;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.BonusRules.ListBonusRules;

internal sealed class ListBonusRulesHandler(IApplicationDbContext db) : IQueryHandler<ListBonusRulesQuery, Page<BonusRuleDto>>
{
    public async Task<Result<Page<BonusRuleDto>>> Handle(ListBonusRulesQuery r, CancellationToken cancellationToken)
    {
        var rules = await db.BonusRules.AsNoTracking().Where(b => b.DeletedAt == null).OrderByDescending(b => b.Id).Take(Cursor.MaxLimit).ToListAsync(cancellationToken);
        return new Page<BonusRuleDto>(rules.Select(BonusRuleDto.From).ToList(), null);
    }
}
