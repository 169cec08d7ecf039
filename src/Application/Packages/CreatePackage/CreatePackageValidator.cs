using CleanPrepay.Application.Common.Contracts;
using FluentValidation;

namespace CleanPrepay.Application.Packages.CreatePackage;

internal sealed class CreatePackageValidator : AbstractValidator<CreatePackageCommand>
{
    public CreatePackageValidator()
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage("The name is required.").MaximumLength(200);
        RuleFor(c => c.Price).NotNull().WithMessage("The price is required.").SetValidator(new MoneyInputValidator()!);
        RuleFor(c => c.Grants).NotNull().WithMessage("The grants are required: {\"amount\": {...}} or {\"credits\": n}.")
            .SetValidator(new GrantInputValidator()!);
    }
}
