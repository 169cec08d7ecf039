using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.BonusRules.DeleteBonusRule;

public sealed record DeleteBonusRuleCommand(string BonusRuleId) : ICommand<bool>;
