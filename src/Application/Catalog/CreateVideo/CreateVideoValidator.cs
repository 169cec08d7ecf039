using FluentValidation;

namespace CleanPrepay.Application.Catalog.CreateVideo;

internal sealed class CreateVideoValidator : AbstractValidator<CreateVideoCommand>
{
    public CreateVideoValidator()
    {
        RuleFor(c => c.Title).NotEmpty().WithMessage("The title is required.").MaximumLength(300);
        RuleFor(c => c).Must(c => c.Rent is not null || c.Buy is not null).OverridePropertyName("rent")
            .WithMessage("A video is sold to rent, to buy, or both: give rent or buy.");
        RuleFor(c => c.Rent!).SetValidator(new OfferInputValidator(rent: true)).When(c => c.Rent is not null);
        RuleFor(c => c.Buy!).SetValidator(new OfferInputValidator(rent: false)).When(c => c.Buy is not null);
    }
}
