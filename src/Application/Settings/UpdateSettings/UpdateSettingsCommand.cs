using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Settings;

namespace CleanPrepay.Application.Settings.UpdateSettings;

/// <summary>Replaces the merchant's settings; an omitted field keeps its current value.</summary>
public sealed record UpdateSettingsCommand(
    bool? PrepaymentEnabled,
    IReadOnlyList<MoneyInput?>? NegativeBalanceLimits,
    long? NegativeCreditsLimit,
    int? DefaultMinPrepaymentPercent,
    IReadOnlyList<string?>? Currencies,
    IReadOnlyList<TaxRateInput?>? TaxRates = null,
    TrialPolicy? TrialPolicy = null) : ICommand<SettingsDto>;
