using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Catalog;
using CleanPrepay.Domain.Common;

namespace CleanPrepay.Application.Catalog;

internal static class CatalogInput
{
    public static Result<PriceList> Prices(MoneyInput price, IReadOnlyList<MoneyInput?>? others) =>
        PriceList.Create(price.ToMoney(), others?.Select(p => p!.ToMoney()));

    public static Result<VideoOffer?> Offer(OfferInput? input)
    {
        if (input is null)
        {
            return Result<VideoOffer?>.Success(null);
        }

        var prices = Prices(input.Price!, input.Prices);
        return prices.IsSuccess
            ? Result<VideoOffer?>.Success(new VideoOffer(prices.Value, input.Credits, input.AccessHours))
            : Result<VideoOffer?>.Failure(prices.Error);
    }

    public static readonly Error PlanNotFound = Error.NotFound("The plan");

    public static readonly Error VideoNotFound = Error.NotFound("The video");
}
