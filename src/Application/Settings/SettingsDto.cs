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
    DateTimeOffset UpdatedAt,
    TrialPolicy TrialPolicy)
{
    public static SettingsDto From(MerchantSettings s) => new(
        s.PrepaymentEnabled,
        s.NegativeBalanceLimits.Select(MoneyDto.From).ToList(),
        s.NegativeCreditsLimit,
        s.DefaultMinPrepaymentPercent,
        s.Currencies,
        s.TaxRates.Select(t => new TaxRateDto(t.Country, t.RateBasisPoints)).ToList(),
        s.UpdatedAt,
        s.TrialPolicy);
}

/// <summary>VAT for customers in one country, in basis points (2500 = 25 %).</summary>
public sealed record TaxRateDto(string Country, int RateBps);

/// <summary>
/// The settings as the hot paths read them: one database read per process every
/// <see cref="MaxAge"/> at most. A change made through the API is seen at once by the instance that
/// made it and within <see cref="MaxAge"/> by the others.
/// </summary>
public sealed class SettingsCache(TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);

    private (MerchantSettings Settings, DateTimeOffset LoadedAt)? _entry;

    public async Task<MerchantSettings> GetAsync(IApplicationDbContext db, CancellationToken ct)
    {
        var entry = _entry;
        if (entry is { } e && time.GetUtcNow() - e.LoadedAt < MaxAge)
        {
            return e.Settings;
        }

        var settings = await SettingsStore.LoadAsync(db, time, tracked: false, ct);
        _entry = (settings, time.GetUtcNow());
        return settings;
    }

    public void Invalidate() => _entry = null;
}

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
