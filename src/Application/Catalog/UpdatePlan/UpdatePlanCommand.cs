using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Catalog;

namespace CleanPrepay.Application.Catalog.UpdatePlan;

public sealed record UpdatePlanCommand(
    string PlanId, string? Name, MoneyInput? Price, IReadOnlyList<MoneyInput?>? Prices, int? TrialDays, bool? CardlessTrial,
    MoneyInput? MinPrepayment, bool? Active, PlanCoverage? Coverage = null, IReadOnlyList<string?>? VideoIds = null) : ICommand<PlanDto>;
