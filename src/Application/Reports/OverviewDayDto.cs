using CleanPrepay.Application.Common.Contracts;

namespace CleanPrepay.Application.Reports;

/// <summary>One UTC day of the overview: money topped up into wallets and order revenue, per currency.</summary>
public sealed record OverviewDayDto(DateOnly Date, IReadOnlyList<MoneyDto> TopUps, IReadOnlyList<MoneyDto> OrderRevenue);
