using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Bonuses;
using CleanPrepay.Domain.Common;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.BonusRules;

public sealed record BonusRuleDto(string Id, BonusTrigger Trigger, string? PlanId, long? GrantCredits, MoneyDto? GrantAmount, DateTimeOffset CreatedAt)
{
    public static BonusRuleDto From(BonusRule b) =>
        new(b.Id, b.Trigger, b.PlanId, b.GrantCredits, b.GrantAmount is { } a ? MoneyDto.From(a) : null, b.CreatedAt);
}

public sealed record CreateBonusRuleCommand(BonusTrigger? Trigger, string? PlanId, long? GrantCredits, MoneyInput? GrantAmount) : ICommand<BonusRuleDto>;

internal sealed class CreateBonusRuleValidator : AbstractValidator<CreateBonusRuleCommand>
{
    public CreateBonusRuleValidator()
    {
        RuleFor(c => c.Trigger).NotNull().WithMessage("The trigger is required: subscription_purchased.").IsInEnum();
        RuleFor(c => c).Must(c => (c.GrantCredits is null) != (c.GrantAmount is null)).OverridePropertyName("grantCredits")
            .WithMessage("A bonus grants either credits or an amount, exactly one of them.");
        RuleFor(c => c.GrantCredits).InclusiveBetween(1, 1_000_000);
        RuleFor(c => c.GrantAmount!).SetValidator(new MoneyInputValidator()).When(c => c.GrantAmount is not null);
        RuleFor(c => c.PlanId).ValidId().When(c => c.PlanId is not null);
    }
}

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

public sealed record ListBonusRulesQuery : IQuery<Page<BonusRuleDto>>;

internal sealed class ListBonusRulesHandler(IApplicationDbContext db) : IQueryHandler<ListBonusRulesQuery, Page<BonusRuleDto>>
{
    public async Task<Result<Page<BonusRuleDto>>> Handle(ListBonusRulesQuery r, CancellationToken cancellationToken)
    {
        var rules = await db.BonusRules.AsNoTracking().Where(b => b.DeletedAt == null).OrderByDescending(b => b.Id).Take(Cursor.MaxLimit).ToListAsync(cancellationToken);
        return new Page<BonusRuleDto>(rules.Select(BonusRuleDto.From).ToList(), null);
    }
}

public sealed record DeleteBonusRuleCommand(string BonusRuleId) : ICommand<bool>;

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
