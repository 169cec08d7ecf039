using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.TopUps;

namespace CleanPrepay.Application.Wallets.AutoTopUps;

/// <summary>An auto top-up as docs/reference/contract.md gives it: its terms plus how it has been going.</summary>
public sealed record AutoTopUpDto(
    string Id,
    string CustomerId,
    bool Enabled,
    MoneyDto Threshold,
    string? PackageId,
    MoneyDto? Amount,
    string SavedMethodId,
    int MaxPerMonth,
    int Failures,
    DateTimeOffset? LastTopUpAt,
    string? InFlightTopUpId,
    int StartedThisMonth,
    DateTimeOffset UpdatedAt)
{
    public static AutoTopUpDto From(AutoTopUp a, DateTimeOffset now) => new(
        a.Id, a.CustomerId, a.Enabled, MoneyDto.From(a.Threshold), a.PackageId, a.Amount is { } amount ? MoneyDto.From(Domain.Monetary.Money.Of(amount, a.Currency)) : null,
        a.SavedMethodId, a.MaxPerMonth, a.Failures, a.LastTopUpAt, a.InFlightTopUpId, a.StartedIn(now), a.UpdatedAt);
}
