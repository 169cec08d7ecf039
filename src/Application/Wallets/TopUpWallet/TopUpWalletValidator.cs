using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Application.Payments.Charging;
using FluentValidation;

namespace CleanPrepay.Application.Wallets.TopUpWallet;

internal sealed class TopUpWalletValidator : AbstractValidator<TopUpWalletCommand>
{
    public TopUpWalletValidator(IPaymentGatewayRegistry gateways, Payments.Charging.ReturnUrlPolicy returnUrls)
    {
        RuleFor(c => c)
            .Must(c => (c.PackageId is null) != (c.Amount is null))
            .OverridePropertyName("packageId")
            .WithMessage("Give either a packageId or an amount, exactly one of them.");
        RuleFor(c => c.PackageId).ValidId().When(c => c.PackageId is not null);
        RuleFor(c => c.Amount!).SetValidator(new MoneyInputValidator()).When(c => c.Amount is not null);
        RuleFor(c => c.Payment).NotNull().WithMessage("The payment is required: {\"gateway\", \"paymentMethod\"} or {\"method\": \"saved\", \"savedMethodId\"}.")
            .SetValidator(new PaymentInputValidator(gateways, returnUrls)!);
        RuleFor(c => c.Payment!.Method).IsInEnum()
            .WithMessage("A top-up is paid through a gateway or a saved method: stored value is bought with outside money only (ADR 0026).")
            .When(c => c.Payment is not null);
    }
}
