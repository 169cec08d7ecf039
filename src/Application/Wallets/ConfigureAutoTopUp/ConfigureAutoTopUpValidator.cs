using CleanPrepay.Application.Common.Contracts;
using FluentValidation;

namespace CleanPrepay.Application.Wallets.ConfigureAutoTopUp;

internal sealed class ConfigureAutoTopUpValidator : AbstractValidator<ConfigureAutoTopUpCommand>
{
    public const int MaxPerMonthLimit = 100;

    public ConfigureAutoTopUpValidator()
    {
        RuleFor(c => c.CustomerId).ValidId();
        RuleFor(c => c.Threshold).NotNull().WithMessage("The threshold is required: {\"amount\", \"currency\"}.");
        RuleFor(c => c.Threshold!).SetValidator(new MoneyInputValidator(positive: false)).When(c => c.Threshold is not null);
        RuleFor(c => c.Threshold!.Amount).GreaterThanOrEqualTo(0).WithMessage("The threshold is zero or more.").When(c => c.Threshold?.Amount is not null);
        RuleFor(c => c)
            .Must(c => (c.PackageId is null) != (c.Amount is null))
            .OverridePropertyName("packageId")
            .WithMessage("Give either a packageId or an amount to top up with, exactly one of them.");
        RuleFor(c => c.PackageId).ValidId().When(c => c.PackageId is not null);
        RuleFor(c => c.Amount!).SetValidator(new MoneyInputValidator()).When(c => c.Amount is not null);
        RuleFor(c => c.Amount!.Currency).Equal(c => c.Threshold!.Currency).WithMessage("The amount is in the threshold's currency: one pocket is topped up.")
            .When(c => c.Amount?.Currency is not null && c.Threshold?.Currency is not null);
        RuleFor(c => c.SavedMethodId).NotEmpty().WithMessage("savedMethodId is required: the saved method (spm_…) charged off-session.").ValidId();
        RuleFor(c => c.MaxPerMonth).InclusiveBetween(1, MaxPerMonthLimit).When(c => c.MaxPerMonth is not null);
    }
}
