using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Bonuses;

namespace CleanPrepay.Application.BonusRules.CreateBonusRule;

public sealed record CreateBonusRuleCommand(BonusTrigger? Trigger, string? PlanId, long? GrantCredits, MoneyInput? GrantAmount) : ICommand<BonusRuleDto>;
