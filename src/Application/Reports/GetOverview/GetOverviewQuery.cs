using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Reports.GetOverview;

/// <summary>The dashboard's figures for the UTC days from <see cref="From"/> to <see cref="To"/> (last 30 days when not given).</summary>
public sealed record GetOverviewQuery(DateOnly? From, DateOnly? To) : IQuery<OverviewDto>;
