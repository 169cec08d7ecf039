namespace CleanPrepay.Domain.Monetary;

/// <summary>
/// An exact amount of one currency, in integer minor units (1666 EUR = 16.66 EUR).
/// Arithmetic is checked and refuses to mix currencies; rounding is always explicit.
/// </summary>
public readonly record struct Money
{
    /// <summary>The largest magnitude accepted anywhere in the API: 10^15 minor units.</summary>
    public const long MaxAbsoluteMinorUnits = 1_000_000_000_000_000;

    public Money(long minorUnits, Currency currency)
    {
        if (minorUnits is > MaxAbsoluteMinorUnits or < -MaxAbsoluteMinorUnits)
        {
            throw new OverflowException($"{minorUnits} minor units is beyond ±10^15.");
        }

        MinorUnits = minorUnits;
        Currency = currency;
    }

    public long MinorUnits { get; }

    public Currency Currency { get; }

    public bool IsZero => MinorUnits == 0;

    public bool IsNegative => MinorUnits < 0;

    public bool IsPositive => MinorUnits > 0;

    public static Money Zero(Currency currency) => new(0, currency);

    public static Money Of(long minorUnits, string currencyCode) => new(minorUnits, Currency.From(currencyCode));

    public static Money operator +(Money left, Money right) =>
        new(checked(left.MinorUnits + SameCurrency(left, right).MinorUnits), left.Currency);

    public static Money operator -(Money left, Money right) =>
        new(checked(left.MinorUnits - SameCurrency(left, right).MinorUnits), left.Currency);

    public static Money operator -(Money value) => new(checked(-value.MinorUnits), value.Currency);

    public static bool operator <(Money left, Money right) => left.MinorUnits < SameCurrency(left, right).MinorUnits;

    public static bool operator >(Money left, Money right) => left.MinorUnits > SameCurrency(left, right).MinorUnits;

    public static bool operator <=(Money left, Money right) => left.MinorUnits <= SameCurrency(left, right).MinorUnits;

    public static bool operator >=(Money left, Money right) => left.MinorUnits >= SameCurrency(left, right).MinorUnits;

    public Money Add(Money other) => this + other;

    public Money Subtract(Money other) => this - other;

    public Money Negate() => -this;

    /// <summary>
    /// Multiplies by <paramref name="numerator"/>/<paramref name="denominator"/> exactly (128-bit
    /// intermediate) and rounds the one result with <paramref name="rounding"/>.
    /// </summary>
    public Money MultiplyFraction(long numerator, long denominator, MidpointRounding rounding)
    {
        if (denominator <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(denominator), "The denominator must be positive.");
        }

        var product = (Int128)MinorUnits * numerator;
        var quotient = Int128.DivRem(product, denominator);
        var result = quotient.Quotient;
        var remainder = quotient.Remainder;
        if (remainder != 0)
        {
            result = RoundQuotient(result, remainder, denominator, rounding);
        }

        return new Money(checked((long)result), Currency);
    }

    /// <summary>
    /// Splits the amount by the given weights so that the parts always add up to the whole: each
    /// part is rounded toward zero and the leftover minor units go, one each, to the parts with the
    /// largest remainders (ties to the earlier part).
    /// </summary>
    public IReadOnlyList<Money> Allocate(IReadOnlyList<long> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count == 0 || weights.Any(w => w < 0) || weights.Sum() == 0)
        {
            throw new ArgumentException("Weights must be non-negative and not all zero.", nameof(weights));
        }

        Int128 total = 0;
        foreach (var weight in weights)
        {
            total += weight;
        }

        var sign = Math.Sign(MinorUnits);
        Int128 magnitude = Math.Abs(MinorUnits);
        var parts = new long[weights.Count];
        var remainders = new Int128[weights.Count];
        long allocated = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var (quotient, remainder) = Int128.DivRem(magnitude * weights[i], total);
            parts[i] = (long)quotient;
            remainders[i] = remainder;
            allocated += parts[i];
        }

        var leftover = (long)magnitude - allocated;
        foreach (var index in Enumerable.Range(0, weights.Count).OrderByDescending(i => remainders[i]).ThenBy(i => i))
        {
            if (leftover == 0)
            {
                break;
            }

            parts[index]++;
            leftover--;
        }

        var currency = Currency;
        return parts.Select(p => new Money(sign * p, currency)).ToArray();
    }

    /// <summary>The amount in major units as an invariant decimal string ("16.66", "100", "1.500").</summary>
    public string ToMajorUnitString()
    {
        if (Currency.Exponent == 0)
        {
            return MinorUnits.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var divisor = (long)Math.Pow(10, Currency.Exponent);
        var magnitude = Math.Abs(MinorUnits);
        var sign = MinorUnits < 0 ? "-" : string.Empty;
        var fraction = (magnitude % divisor).ToString(System.Globalization.CultureInfo.InvariantCulture)
            .PadLeft(Currency.Exponent, '0');
        return $"{sign}{magnitude / divisor}.{fraction}";
    }

    public override string ToString() => $"{ToMajorUnitString()} {Currency.Code}";

    private static Money SameCurrency(Money left, Money right) =>
        left.Currency == right.Currency
            ? right
            : throw new InvalidOperationException($"Cannot combine {left.Currency} with {right.Currency}.");

    private static Int128 RoundQuotient(Int128 quotient, Int128 remainder, long denominator, MidpointRounding rounding)
    {
        // The true value is quotient + remainder/denominator, and Int128 division truncated toward zero.
        var negative = remainder < 0;
        var twiceRemainder = Int128.Abs(remainder) * 2;
        var awayFromZero = negative ? quotient - 1 : quotient + 1;
        return rounding switch
        {
            MidpointRounding.ToZero => quotient,
            MidpointRounding.AwayFromZero => twiceRemainder >= denominator ? awayFromZero : quotient,
            MidpointRounding.ToEven => twiceRemainder > denominator || (twiceRemainder == denominator && quotient % 2 != 0)
                ? awayFromZero
                : quotient,
            MidpointRounding.ToNegativeInfinity => negative ? quotient - 1 : quotient,
            MidpointRounding.ToPositiveInfinity => negative ? quotient : quotient + 1,
            _ => throw new ArgumentOutOfRangeException(nameof(rounding)),
        };
    }
}
