using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace CleanPrepay.Domain.Monetary;

/// <summary>An ISO 4217 currency with its minor-unit exponent (EUR 2, JPY 0, BHD 3).</summary>
public readonly record struct Currency
{
    private static readonly FrozenDictionary<string, int> Exponents = new Dictionary<string, int>
    {
        // Exponent 0
        ["BIF"] = 0, ["CLP"] = 0, ["DJF"] = 0, ["GNF"] = 0, ["ISK"] = 0, ["JPY"] = 0, ["KMF"] = 0,
        ["KRW"] = 0, ["PYG"] = 0, ["RWF"] = 0, ["UGX"] = 0, ["VND"] = 0, ["VUV"] = 0, ["XAF"] = 0,
        ["XOF"] = 0, ["XPF"] = 0,
        // Exponent 3
        ["BHD"] = 3, ["IQD"] = 3, ["JOD"] = 3, ["KWD"] = 3, ["LYD"] = 3, ["OMR"] = 3, ["TND"] = 3,
        // Exponent 2
        ["AED"] = 2, ["ARS"] = 2, ["AUD"] = 2, ["BGN"] = 2, ["BRL"] = 2, ["CAD"] = 2, ["CHF"] = 2,
        ["CNY"] = 2, ["COP"] = 2, ["CZK"] = 2, ["DKK"] = 2, ["EGP"] = 2, ["EUR"] = 2, ["GBP"] = 2,
        ["HKD"] = 2, ["HUF"] = 2, ["IDR"] = 2, ["ILS"] = 2, ["INR"] = 2, ["MAD"] = 2, ["MXN"] = 2,
        ["MYR"] = 2, ["NGN"] = 2, ["NOK"] = 2, ["NZD"] = 2, ["PEN"] = 2, ["PHP"] = 2, ["PKR"] = 2,
        ["PLN"] = 2, ["RON"] = 2, ["RSD"] = 2, ["SAR"] = 2, ["SEK"] = 2, ["SGD"] = 2, ["THB"] = 2,
        ["TRY"] = 2, ["TWD"] = 2, ["UAH"] = 2, ["USD"] = 2, ["ZAR"] = 2,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private Currency(string code, int exponent)
    {
        Code = code;
        Exponent = exponent;
    }

    public string Code { get; }

    /// <summary>Digits after the decimal point of the major unit (ISO 4217 "minor unit").</summary>
    public int Exponent { get; }

    public static Currency EUR => From("EUR");

    public static Currency SEK => From("SEK");

    public static Currency JPY => From("JPY");

    public static IEnumerable<string> KnownCodes => Exponents.Keys;

    /// <summary>Accepts only upper-case ISO 4217 codes that we know the exponent of.</summary>
    public static bool TryFrom(string? code, [NotNullWhen(true)] out Currency? currency)
    {
        if (code is not null && Exponents.TryGetValue(code, out var exponent))
        {
            currency = new Currency(code, exponent);
            return true;
        }

        currency = null;
        return false;
    }

    public static bool IsKnown(string? code) => code is not null && Exponents.ContainsKey(code);

    public static Currency From(string code) =>
        TryFrom(code, out var currency)
            ? currency.Value
            : throw new ArgumentException($"'{code}' is not a supported ISO 4217 currency code.", nameof(code));

    public override string ToString() => Code;
}
