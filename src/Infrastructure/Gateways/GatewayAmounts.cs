using System.Globalization;

namespace CleanPrepay.Infrastructure.Gateways;

/// <summary>Amounts as decimal strings, for providers that want "10.00" rather than minor units.</summary>
internal static class GatewayAmounts
{
    /// <summary>Exact: integer minor units and the currency's ISO 4217 exponent, never floating point (1999 EUR → "19.99", 1306 JPY → "1306").</summary>
    public static string Decimal(Domain.Money.Money amount)
    {
        var exponent = amount.Currency.Exponent;
        var value = (decimal)amount.MinorUnits;
        for (var i = 0; i < exponent; i++)
        {
            value /= 10m;
        }

        return value.ToString(exponent == 0 ? "0" : "0." + new string('0', exponent), CultureInfo.InvariantCulture);
    }

    /// <summary>The reverse, refusing anything that is not exactly representable in the currency's minor units.</summary>
    public static long? MinorUnits(string? value, Domain.Money.Currency currency)
    {
        if (!decimal.TryParse(value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            return null;
        }

        for (var i = 0; i < currency.Exponent; i++)
        {
            parsed *= 10m;
        }

        return parsed == decimal.Truncate(parsed) ? (long)parsed : null;
    }
}
