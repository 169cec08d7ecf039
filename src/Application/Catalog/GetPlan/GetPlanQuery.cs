using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Catalog.GetPlan;

public sealed record GetPlanQuery(string PlanId) : IQuery<PlanDto>;
