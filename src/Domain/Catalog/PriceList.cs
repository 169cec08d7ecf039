using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Domain.Catalog;

/// <summary>A tax-inclusive price in one or more currencies; the first is the main <c>price</c>.</summary>
public sealed record PriceList(IReadOnlyList<Money> Prices)
{
    public Money Main => Prices[0];

    public Money? In(Currency currency) => Prices.Any(p => p.Currency == currency) ? Prices.First(p => p.Currency == currency) : null;

    public static Result<PriceList> Create(Money main, IEnumerable<Money>? others)
    {
        var all = new List<Money> { main };
        foreach (var price in others ?? [])
        {
            if (all.Any(p => p.Currency == price.Currency))
            {
                if (all.First(p => p.Currency == price.Currency) != price)
                {
                    return Error.Validation("prices", $"Two different prices in {price.Currency}.");
                }

                continue;
            }

            all.Add(price);
        }

        if (all.Any(p => !p.IsPositive))
        {
            return Error.Validation("price.amount", "Prices must be greater than zero.");
        }

        return new PriceList(all);
    }

    public bool Equals(PriceList? other) => other is not null && Prices.SequenceEqual(other.Prices);

    public override int GetHashCode() => Prices.Aggregate(0, (h, p) => HashCode.Combine(h, p));
}

/// <summary>How a video is sold: to rent for <see cref="AccessHours"/>, or to buy for ever.</summary>
public sealed record VideoOffer(PriceList Price, long? Credits, int? AccessHours);
