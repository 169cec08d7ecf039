using FluentValidation;

namespace CleanPrepay.Application.Catalog.UpdateVideo;

internal sealed class UpdateVideoValidator : AbstractValidator<UpdateVideoCommand>
{
    public UpdateVideoValidator()
    {
        RuleFor(c => c.Title).NotEmpty().MaximumLength(300).When(c => c.Title is not null);
        RuleFor(c => c.Rent!).SetValidator(new OfferInputValidator(rent: true)).When(c => c.Rent is not null);
        RuleFor(c => c.Buy!).SetValidator(new OfferInputValidator(rent: false)).When(c => c.Buy is not null);
    }
}
