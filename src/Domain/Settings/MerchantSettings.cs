using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Domain.Settings;

/// <summary>How often a customer gets a plan's free trial (ADR 0028).</summary>
public enum TrialPolicy
{
    /// <summary>One trial per customer and plan.</summary>
    PerPlan,

    /// <summary>One trial per customer, whichever plan it was on.</summary>
    PerMerchant,
}

/// <summary>The merchant's configuration: one row for the platform.</summary>
public sealed class MerchantSettings : AggregateRoot
{
    public const string SingletonId = "settings";

    /// <summary>Currencies a fresh installation accepts until the merchant says otherwise.</summary>
    public static readonly IReadOnlyList<string> DefaultCurrencies = ["EUR", "USD", "GBP", "SEK", "NOK", "DKK", "CHF", "JPY", "BHD"];

    private MerchantSettings()
    {
    }

    public bool PrepaymentEnabled { get; private set; }

    /// <summary>How far below zero each currency pocket may go (positive amounts; absent = 0).</summary>
    public IReadOnlyList<Money> NegativeBalanceLimits { get; private set; } = [];

    /// <summary>How many credits below zero the credits pocket may go.</summary>
    public long NegativeCreditsLimit { get; private set; }

    public int DefaultMinPrepaymentPercent { get; private set; } = 50;

    public IReadOnlyList<string> Currencies { get; private set; } = DefaultCurrencies;

    /// <summary>VAT per customer country, in basis points (2500 = 25 %); prices are tax-inclusive.</summary>
    public IReadOnlyList<TaxRate> TaxRates { get; private set; } = [];

    /// <summary>How often a customer gets a plan's trial: once per plan (the default) or once in all.</summary>
    public TrialPolicy TrialPolicy { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public void SetTrialPolicy(TrialPolicy policy, DateTimeOffset now)
    {
        TrialPolicy = policy;
        UpdatedAt = now;
        Touch();
    }

    public static MerchantSettings CreateDefault(DateTimeOffset now) => new()
    {
        Id = SingletonId,
        UpdatedAt = now,
    };

    public void Update(
        bool prepaymentEnabled,
        IReadOnlyList<Money> negativeBalanceLimits,
        long negativeCreditsLimit,
        int defaultMinPrepaymentPercent,
        IReadOnlyList<string> currencies,
        DateTimeOffset now)
    {
        PrepaymentEnabled = prepaymentEnabled;
        NegativeBalanceLimits = negativeBalanceLimits.ToArray();
        NegativeCreditsLimit = negativeCreditsLimit;
        DefaultMinPrepaymentPercent = defaultMinPrepaymentPercent;
        Currencies = currencies.Distinct(StringComparer.Ordinal).ToArray();
        UpdatedAt = now;
        Touch();
    }

    public void SetTaxRates(IReadOnlyList<TaxRate> rates, DateTimeOffset now)
    {
        TaxRates = rates.ToArray();
        UpdatedAt = now;
        Touch();
    }

    public int TaxRateFor(string? country) =>
        country is null ? 0 : TaxRates.FirstOrDefault(r => string.Equals(r.Country, country, StringComparison.OrdinalIgnoreCase))?.RateBasisPoints ?? 0;

    public bool Accepts(Currency currency) => Currencies.Contains(currency.Code, StringComparer.Ordinal);

    /// <summary>The overdraft allowed in <paramref name="currency"/>, zero when none is set.</summary>
    public Money NegativeLimitFor(Currency currency)
    {
        foreach (var limit in NegativeBalanceLimits)
        {
            if (limit.Currency == currency)
            {
                return limit;
            }
        }

        return Money.Zero(currency);
    }
}

/// <summary>A VAT rate for one ISO 3166 country, in basis points.</summary>
public sealed record TaxRate(string Country, int RateBasisPoints);
