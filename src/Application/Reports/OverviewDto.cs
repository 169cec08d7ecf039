using CleanPrepay.Application.Common.Contracts;

namespace CleanPrepay.Application.Reports;

/// <summary>
/// The dashboard's figures for [from, to] (UTC days). Top-ups are the sum of the ledger's <c>top_up</c> entries; order
/// revenue is the total of orders paid that day in money (credits are not money); subscriptions are counted now.
/// </summary>
public sealed record OverviewDto(
    DateOnly From,
    DateOnly To,
    IReadOnlyList<OverviewDayDto> Days,
    IReadOnlyList<MoneyDto> TopUpsTotal,
    IReadOnlyList<MoneyDto> OrderRevenueTotal,
    int ActiveSubscriptions,
    int RenewalsDue,
    int RenewalsPaid,
    int RenewalsFailed);
