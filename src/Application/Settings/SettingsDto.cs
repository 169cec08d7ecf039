using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Settings;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Settings;

public sealed record SettingsDto(
    bool PrepaymentEnabled,
    IReadOnlyList<MoneyDto> NegativeBalanceLimits,
    long NegativeCreditsLimit,
    int DefaultMinPrepaymentPercent,
    IReadOnlyList<string> Currencies,
    IReadOnlyList<TaxRateDto> TaxRates,
    DateTimeOffset UpdatedAt)
{
    public static SettingsDto From(MerchantSettings s) => new(
        s.PrepaymentEnabled,
        s.NegativeBalanceLimits.Select(MoneyDto.From).ToList(),
        s.NegativeCreditsLimit,
        s.DefaultMinPrepaymentPercent,
        s.Currencies,
        s.TaxRates.Select(t => new TaxRateDto(t.Country, t.RateBasisPoints)).ToList(),
        s.UpdatedAt);
}

/// <summary>VAT for customers in one country, in basis points (2500 = 25 %).</summary>
public sealed record TaxRateDto(string Country, int RateBps);

internal static class SettingsStore
{
    /// <summary>The merchant's settings; the migration seeds the row, the default covers an unseeded database.</summary>
    public static async Task<MerchantSettings> LoadAsync(IApplicationDbContext db, TimeProvider time, bool tracked, CancellationToken ct)
    {
        var query = tracked ? db.Settings : db.Settings.AsNoTracking();
        var settings = await query.FirstOrDefaultAsync(s => s.Id == MerchantSettings.SingletonId, ct);
        if (settings is null)
        {
            settings = MerchantSettings.CreateDefault(time.GetUtcNow());
            if (tracked)
            {
                db.Settings.Add(settings);
            }
        }

        return settings;
    }
}
