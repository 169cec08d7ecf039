using CleanPrepay.Domain.Monetary;
using FluentValidation;

namespace CleanPrepay.Application.Common.Contracts;

public sealed class MoneyInputValidator : AbstractValidator<MoneyInput>
{
    public MoneyInputValidator(bool positive = true)
    {
        RuleFor(m => m.Amount)
            .NotNull().WithMessage("The amount is required, in integer minor units.")
            .InclusiveBetween(-Money.MaxAbsoluteMinorUnits, Money.MaxAbsoluteMinorUnits)
            .WithMessage("The amount must be within ±10^15 minor units.");
        if (positive)
        {
            RuleFor(m => m.Amount).GreaterThan(0).WithMessage("The amount must be greater than zero.");
        }

        RuleFor(m => m.Currency)
            .NotEmpty().WithMessage("The currency is required.")
            .Must(Currency.IsKnown).WithMessage("'{PropertyValue}' is not an ISO 4217 currency code (upper case, e.g. EUR).");
    }
}
