using CleanPrepay.Application.Common.Contracts;
using FluentValidation;

namespace CleanPrepay.Application.Wallets.AdjustWallet;

internal sealed class AdjustWalletValidator : AbstractValidator<AdjustWalletCommand>
{
    public AdjustWalletValidator()
    {
        RuleFor(c => c.Direction).NotNull().WithMessage("The direction is required: 'credit' or 'debit'.").IsInEnum();
        RuleFor(c => c)
            .Must(c => (c.Amount is null) != (c.Credits is null))
            .OverridePropertyName("amount")
            .WithMessage("Give either an amount or credits, exactly one of them.");
        RuleFor(c => c.Amount!).SetValidator(new MoneyInputValidator()).When(c => c.Amount is not null);
        RuleFor(c => c.Credits).InclusiveBetween(1, 1_000_000_000).WithMessage("Credits must be between 1 and 10^9.");
        RuleFor(c => c.Reason).NotEmpty().WithMessage("A reason is required for a manual adjustment.").MaximumLength(500);
    }
}
