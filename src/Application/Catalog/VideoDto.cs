using CleanPrepay.Domain.Catalog;

namespace CleanPrepay.Application.Catalog;

public sealed record VideoDto(string Id, string Title, OfferDto? Rent, OfferDto? Buy, bool Active, DateTimeOffset CreatedAt, bool RentOrBuyOnly)
{
    public static VideoDto From(Video v) => new(v.Id, v.Title, OfferDto.From(v.Rent), OfferDto.From(v.Buy), v.Active, v.CreatedAt, v.RentOrBuyOnly);
}
