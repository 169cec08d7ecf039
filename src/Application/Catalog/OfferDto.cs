using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Catalog;

namespace CleanPrepay.Application.Catalog;

public sealed record OfferDto(MoneyDto Price, IReadOnlyList<MoneyDto> Prices, long? Credits, int? AccessHours)
{
    public static OfferDto? From(VideoOffer? o) =>
        o is null ? null : new(MoneyDto.From(o.Price.Main), o.Price.Prices.Select(MoneyDto.From).ToList(), o.Credits, o.AccessHours);
}
