using CleanPrepay.Application.Common.Contracts;
using FluentValidation;

namespace CleanPrepay.Application.Payments.RefundPayment;

internal sealed class RefundPaymentValidator : AbstractValidator<RefundPaymentCommand>
{
    public RefundPaymentValidator()
    {
        RuleFor(c => c.Amount!).SetValidator(new MoneyInputValidator()).When(c => c.Amount is not null);
        RuleFor(c => c.Credits).InclusiveBetween(1, 1_000_000_000).WithMessage("Refunded credits are between 1 and 10^9.");
        RuleFor(c => c).Must(c => c.Amount is null || c.Credits is null).OverridePropertyName("amount")
            .WithMessage("Refund an amount or credits, not both.");
    }
}
