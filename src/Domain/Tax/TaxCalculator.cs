using CleanPrepay.Domain.Monetary;
namespace CleanPrepay.Domain.Tax;

/// <summary>
/// VAT inside tax-inclusive prices. The rule: for each rate, the order's tax is
/// gross × rate ÷ (10 000 + rate) in basis points, rounded half to even to the minor unit, once for
/// the whole order; that tax is then allocated to the lines in proportion to their gross by largest
/// remainder. The lines' taxes therefore always add up to the order's tax: no cent is lost or invented.
/// </summary>
public static class TaxCalculator
{
    public const int MaxRateBasisPoints = 10_000;

    public static IReadOnlyList<Money> TaxPerLine(IReadOnlyList<Money> grossPerLine, int rateBasisPoints)
    {
        if (grossPerLine.Count == 0)
        {
            return [];
        }

        var currency = grossPerLine[0].Currency;
        var gross = grossPerLine.Aggregate(Money.Zero(currency), (sum, line) => sum + line);
        if (rateBasisPoints == 0 || gross.IsZero)
        {
            return grossPerLine.Select(_ => Money.Zero(currency)).ToList();
        }

        var tax = gross.MultiplyFraction(rateBasisPoints, MaxRateBasisPoints + rateBasisPoints, MidpointRounding.ToEven);
        return tax.Allocate(grossPerLine.Select(l => l.MinorUnits).ToList());
    }
}
