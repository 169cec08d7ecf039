using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Bonuses;

namespace CleanPrepay.Application.BonusRules;

public sealed record BonusRuleDto(string Id, BonusTrigger Trigger, string? PlanId, long? GrantCredits, MoneyDto? GrantAmount, DateTimeOffset CreatedAt)
{
    public static BonusRuleDto From(BonusRule b) =>
        new(b.Id, b.Trigger, b.PlanId, b.GrantCredits, b.GrantAmount is { } a ? MoneyDto.From(a) : null, b.CreatedAt);
}
