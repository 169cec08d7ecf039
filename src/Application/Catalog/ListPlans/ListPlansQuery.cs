using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Common.Contracts;

namespace CleanPrepay.Application.Catalog.ListPlans;

/// <summary>Plans, newest first. Only staff see inactive ones.</summary>
public sealed record ListPlansQuery(bool? Active, int? Limit, string? Cursor) : IQuery<Page<PlanDto>>, IPagedQuery;
