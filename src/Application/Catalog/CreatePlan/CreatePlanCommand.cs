using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Catalog;

namespace CleanPrepay.Application.Catalog.CreatePlan;

public sealed record CreatePlanCommand(
    string? Name,
    MoneyInput? Price,
    IReadOnlyList<MoneyInput?>? Prices,
    BillingInterval? Interval,
    int? IntervalCount,
    int? TrialDays,
    bool? CardlessTrial,
    BillingMode? Billing,
    int? BillingDay,
    MoneyInput? MinPrepayment,
    bool? Active,
    PlanCoverage? Coverage = null,
    IReadOnlyList<string?>? VideoIds = null) : ICommand<PlanDto>;
