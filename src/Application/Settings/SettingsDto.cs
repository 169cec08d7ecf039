using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Settings;

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
