using System.Collections.Frozen;

namespace CleanPrepay.Infrastructure.Gateways.Tink;

/// <summary>
/// Tink's one-time payment markets and the currency each fixes (SE → SEK, …). A market is where the
/// payer's bank is: Tink Link lists that market's banks.
/// </summary>
internal static class TinkMarkets
{
    private static readonly FrozenDictionary<string, string> CurrencyOf = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["SE"] = "SEK", ["DK"] = "DKK", ["NO"] = "NOK", ["GB"] = "GBP",
        ["AT"] = "EUR", ["BE"] = "EUR", ["DE"] = "EUR", ["EE"] = "EUR", ["ES"] = "EUR", ["FI"] = "EUR", ["FR"] = "EUR",
        ["IE"] = "EUR", ["IT"] = "EUR", ["LT"] = "EUR", ["LV"] = "EUR", ["NL"] = "EUR", ["PT"] = "EUR",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IReadOnlySet<string> Currencies { get; } = CurrencyOf.Values.ToFrozenSet(StringComparer.Ordinal);

    public static string? Currency(string market) => CurrencyOf.GetValueOrDefault(market);

    /// <summary>
    /// The payer's country when it is a market for the currency; else the configured market when it
    /// is; else the only market of the currency (SEK → SE); null when none fits (EUR without a country).
    /// </summary>
    public static string? Choose(string? country, string? configured, string currency)
    {
        foreach (var candidate in new[] { country, configured })
        {
            if (candidate?.Trim().ToUpperInvariant() is { } market && Currency(market) == currency)
            {
                return market;
            }
        }

        var markets = CurrencyOf.Where(m => m.Value == currency).Select(m => m.Key).Take(2).ToList();
        return markets.Count == 1 ? markets[0] : null;
    }
}
