using CleanPrepay.Application.Common.Contracts;
using FluentValidation;

namespace CleanPrepay.Application.Catalog;

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
