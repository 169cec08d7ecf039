using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Catalog;
using CleanPrepay.Domain.Common;
using FluentValidation;

namespace CleanPrepay.Application.Catalog;

public sealed record PlanDto(
    string Id,
    string Name,
    MoneyDto Price,
    IReadOnlyList<MoneyDto> Prices,
    BillingInterval Interval,
    int IntervalCount,
    int TrialDays,
    bool CardlessTrial,
    BillingMode Billing,
    int BillingDay,
    MoneyDto? MinPrepayment,
    bool Active,
    DateTimeOffset CreatedAt,
    PlanCoverage Coverage,
    IReadOnlyList<string> VideoIds)
{
    public static PlanDto From(Plan p) => new(
        p.Id, p.Name, MoneyDto.From(p.Price.Main), p.Price.Prices.Select(MoneyDto.From).ToList(), p.Interval, p.IntervalCount,
        p.TrialDays, p.CardlessTrial, p.Billing, p.BillingDay, p.MinPrepayment is { } m ? MoneyDto.From(m) : null, p.Active, p.CreatedAt,
        p.Coverage, p.VideoIds);
}

public sealed record OfferDto(MoneyDto Price, IReadOnlyList<MoneyDto> Prices, long? Credits, int? AccessHours)
{
    public static OfferDto? From(VideoOffer? o) =>
        o is null ? null : new(MoneyDto.From(o.Price.Main), o.Price.Prices.Select(MoneyDto.From).ToList(), o.Credits, o.AccessHours);
}

public sealed record VideoDto(string Id, string Title, OfferDto? Rent, OfferDto? Buy, bool Active, DateTimeOffset CreatedAt, bool RentOrBuyOnly)
{
    public static VideoDto From(Video v) => new(v.Id, v.Title, OfferDto.From(v.Rent), OfferDto.From(v.Buy), v.Active, v.CreatedAt, v.RentOrBuyOnly);
}

/// <summary>A price as sent: the main <c>price</c> and optionally the same item's price in other currencies.</summary>
public sealed record OfferInput(MoneyInput? Price, IReadOnlyList<MoneyInput?>? Prices, long? Credits, int? AccessHours);

internal sealed class OfferInputValidator : AbstractValidator<OfferInput>
{
    public OfferInputValidator(bool rent)
    {
        RuleFor(o => o.Price).NotNull().WithMessage("The price is required.").SetValidator(new MoneyInputValidator()!);
        RuleForEach(o => o.Prices).NotNull().SetValidator(new MoneyInputValidator()!);
        RuleFor(o => o.Credits).InclusiveBetween(1, 1_000_000).WithMessage("A credit price is between 1 and 10^6 credits.");
        if (rent)
        {
            RuleFor(o => o.AccessHours).NotNull().WithMessage("A rental needs its accessHours.")
                .InclusiveBetween(1, 24 * 366).WithMessage("accessHours is between 1 and 8784.");
        }
        else
        {
            RuleFor(o => o.AccessHours).Null().WithMessage("A bought video's access never expires: no accessHours.");
        }
    }
}

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
