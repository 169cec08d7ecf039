using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Domain.UnitTests;


public sealed class MoneyTests
{
    [Theory]
    [InlineData("EUR", 2)]
    [InlineData("SEK", 2)]
    [InlineData("JPY", 0)]
    [InlineData("BHD", 3)]
    [InlineData("KWD", 3)]
    public void Currencies_know_their_iso_4217_exponent(string code, int exponent) =>
        Assert.Equal(exponent, Currency.From(code).Exponent);

    [Theory]
    [InlineData("eur")]
    [InlineData("EURO")]
    [InlineData("XYZ")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_or_badly_written_codes_are_refused(string? code)
    {
        Assert.False(Currency.IsKnown(code));
        Assert.False(Currency.TryFrom(code, out _));
    }

    [Fact]
    public void Arithmetic_is_exact_and_refuses_to_mix_currencies()
    {
        var a = Money.Of(1666, "EUR");
        var b = Money.Of(5000, "EUR");

        Assert.Equal(Money.Of(6666, "EUR"), a + b);
        Assert.Equal(Money.Of(-3334, "EUR"), a - b);
        Assert.True(a < b);
        Assert.Throws<InvalidOperationException>(() => a + Money.Of(1, "SEK"));
        Assert.Throws<InvalidOperationException>(() => a < Money.Of(1, "SEK"));
    }

    [Fact]
    public void Amounts_beyond_ten_to_the_fifteen_are_refused()
    {
        Assert.Throws<OverflowException>(() => Money.Of(1_000_000_000_000_001, "EUR"));
        Assert.Throws<OverflowException>(() => Money.Of(Money.MaxAbsoluteMinorUnits, "EUR") + Money.Of(1, "EUR"));
        Assert.Equal(Money.MaxAbsoluteMinorUnits, Money.Of(Money.MaxAbsoluteMinorUnits, "EUR").MinorUnits);
    }

    [Theory]
    // 50.00 EUR × 10/30 = 16.666… : down 16.66, up 16.67
    [InlineData(5000, 10, 30, MidpointRounding.ToZero, 1666)]
    [InlineData(5000, 10, 30, MidpointRounding.ToPositiveInfinity, 1667)]
    [InlineData(5000, 10, 30, MidpointRounding.AwayFromZero, 1667)]
    // exact halves: 0.05 × 1/2 = 0.025
    [InlineData(5, 1, 2, MidpointRounding.ToEven, 2)]
    [InlineData(7, 1, 2, MidpointRounding.ToEven, 4)]
    [InlineData(5, 1, 2, MidpointRounding.AwayFromZero, 3)]
    [InlineData(-5, 1, 2, MidpointRounding.AwayFromZero, -3)]
    [InlineData(-5, 1, 2, MidpointRounding.ToNegativeInfinity, -3)]
    [InlineData(-5, 1, 2, MidpointRounding.ToPositiveInfinity, -2)]
    [InlineData(-5000, 10, 30, MidpointRounding.ToZero, -1666)]
    public void Fractions_round_only_as_told(long amount, long numerator, long denominator, MidpointRounding rounding, long expected) =>
        Assert.Equal(expected, Money.Of(amount, "EUR").MultiplyFraction(numerator, denominator, rounding).MinorUnits);

    [Fact]
    public void Fractions_of_large_amounts_do_not_overflow_in_between()
    {
        var large = Money.Of(900_000_000_000_000, "EUR");

        Assert.Equal(300_000_000_000_000, large.MultiplyFraction(1_000_000, 3_000_000, MidpointRounding.ToZero).MinorUnits);
    }

    [Theory]
    [InlineData(100, new long[] { 1, 1, 1 }, new long[] { 34, 33, 33 })]
    [InlineData(1, new long[] { 1, 1 }, new long[] { 1, 0 })]
    [InlineData(1000, new long[] { 2500, 2500, 5000 }, new long[] { 250, 250, 500 })]
    [InlineData(-100, new long[] { 1, 1, 1 }, new long[] { -34, -33, -33 })]
    [InlineData(999, new long[] { 1, 0, 2 }, new long[] { 333, 0, 666 })]
    public void Allocation_never_loses_a_cent(long amount, long[] weights, long[] expected)
    {
        var parts = Money.Of(amount, "EUR").Allocate(weights);

        Assert.Equal(expected, parts.Select(p => p.MinorUnits).ToArray());
        Assert.Equal(amount, parts.Sum(p => p.MinorUnits));
    }

    [Fact]
    public void Allocation_keeps_the_total_for_any_split()
    {
        var random = new Random(42);
        for (var i = 0; i < 1000; i++)
        {
            var amount = random.NextInt64(-1_000_000, 1_000_000);
            var weights = Enumerable.Range(0, random.Next(1, 8)).Select(_ => (long)random.Next(0, 100)).ToList();
            if (weights.Sum() == 0)
            {
                weights[0] = 1;
            }

            Assert.Equal(amount, Money.Of(amount, "SEK").Allocate(weights).Sum(p => p.MinorUnits));
        }
    }

    [Theory]
    [InlineData(1666, "EUR", "16.66")]
    [InlineData(-5, "EUR", "-0.05")]
    [InlineData(100, "JPY", "100")]
    [InlineData(1500, "BHD", "1.500")]
    [InlineData(7, "BHD", "0.007")]
    public void Major_unit_strings_use_the_currency_exponent(long amount, string currency, string expected) =>
        Assert.Equal(expected, Money.Of(amount, currency).ToMajorUnitString());
}
