using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Monetary;
using FluentValidation;

namespace CleanPrepay.Application.Settings.UpdateSettings;

internal sealed class UpdateSettingsValidator : AbstractValidator<UpdateSettingsCommand>
{
    public UpdateSettingsValidator()
    {
        RuleForEach(c => c.NegativeBalanceLimits)
            .NotNull().WithMessage("A limit must be an object with amount and currency.")
            .SetValidator(new MoneyInputValidator(positive: false)!);
        RuleForEach(c => c.NegativeBalanceLimits)
            .Must(l => l!.Amount is null or >= 0).WithMessage("A negative-balance limit is how far below zero a pocket may go: zero or more.")
            .When(c => c.NegativeBalanceLimits is not null);
        RuleFor(c => c.NegativeBalanceLimits)
            .Must(l => l!.Where(x => x is not null).GroupBy(x => x!.Currency).All(g => g.Count() == 1))
            .WithMessage("Each currency may have one limit only.")
            .When(c => c.NegativeBalanceLimits is not null);
        RuleFor(c => c.TrialPolicy).IsInEnum();
        RuleFor(c => c.NegativeCreditsLimit).InclusiveBetween(0, 1_000_000_000)
            .WithMessage("The credits limit must be between 0 and 10^9.");
        RuleFor(c => c.DefaultMinPrepaymentPercent).InclusiveBetween(0, 100)
            .WithMessage("The minimum prepayment is a percentage from 0 to 100.");
        RuleFor(c => c.Currencies)
            .Must(c => c!.Count > 0).WithMessage("At least one currency is required.")
            .When(c => c.Currencies is not null);
        RuleForEach(c => c.TaxRates).NotNull().ChildRules(rate =>
        {
            rate.RuleFor(r => r!.Country).NotEmpty().Matches("^[A-Z]{2}$").WithMessage("The country is an ISO 3166-1 alpha-2 code such as 'SE'.");
            rate.RuleFor(r => r!.RateBps).NotNull().InclusiveBetween(0, 10_000).WithMessage("rateBps is a VAT rate in basis points, 0 to 10000.");
        });
        RuleFor(c => c.TaxRates)
            .Must(t => t!.Where(x => x is not null).GroupBy(x => x!.Country).All(g => g.Count() == 1)).WithMessage("One rate per country.")
            .When(c => c.TaxRates is not null);
        RuleForEach(c => c.Currencies)
            .Must(Currency.IsKnown).WithMessage("'{PropertyValue}' is not an ISO 4217 currency code (upper case, e.g. EUR).");
    }
}
