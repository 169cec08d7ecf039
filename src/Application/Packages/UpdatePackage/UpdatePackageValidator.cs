using CleanPrepay.Application.Common.Contracts;
using FluentValidation;

namespace CleanPrepay.Application.Packages.UpdatePackage;

internal sealed class UpdatePackageValidator : AbstractValidator<UpdatePackageCommand>
{
    public UpdatePackageValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200).When(c => c.Name is not null);
        RuleFor(c => c.Price!).SetValidator(new MoneyInputValidator()).When(c => c.Price is not null);
        RuleFor(c => c.Grants!).SetValidator(new GrantInputValidator()).When(c => c.Grants is not null);
    }
}
