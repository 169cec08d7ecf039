using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Common.Contracts;

namespace CleanPrepay.Application.BonusRules.ListBonusRules;

public sealed record ListBonusRulesQuery : IQuery<Page<BonusRuleDto>>;
