using CleanPrepay.Application.Common.Contracts;
using FluentValidation;

namespace CleanPrepay.Application.Packages;

internal sealed class GrantInputValidator : AbstractValidator<GrantInput>
{
    public GrantInputValidator()
    {
        RuleFor(g => g).Must(g => (g.Amount is null) != (g.Credits is null))
            .WithName("grants").OverridePropertyName("grants")
            .WithMessage("A package grants either an amount or credits, exactly one of them.");
        RuleFor(g => g.Amount!).SetValidator(new MoneyInputValidator()).When(g => g.Amount is not null);
        RuleFor(g => g.Credits).InclusiveBetween(1, 1_000_000_000).WithMessage("Credits must be between 1 and 10^9.");
    }
}
