using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Application.Common.Contracts;
using FluentValidation;

namespace CleanPrepay.Application.Payments.Charging;

internal sealed class PaymentInputValidator : AbstractValidator<PaymentInput>
{
    public PaymentInputValidator(IPaymentGatewayRegistry gateways, ReturnUrlPolicy returnUrls)
    {
        // A saved method names its own gateway and token (ADR 0038): nothing else may be given with it.
        When(p => p.Method == ChargeMethod.Saved, () =>
        {
            RuleFor(p => p.SavedMethodId).NotEmpty().WithMessage("savedMethodId is required with method 'saved'.").ValidId();
            RuleFor(p => p.Gateway).Null().WithMessage("A saved method charges through its own gateway; leave gateway out.");
            RuleFor(p => p.PaymentMethod).Null().WithMessage("A saved method is charged by its id; leave paymentMethod out.");
            RuleFor(p => p.Save).Must(s => s != true).WithMessage("save keeps a new method; a saved one is kept already.");
            RuleFor(p => p.ReturnUrl)
                .MaximumLength(2048)
                .Must(returnUrls.IsAllowed).WithMessage(_ => returnUrls.Describe())
                .When(p => p.ReturnUrl is not null);
        }).Otherwise(() => GatewayRules(gateways, returnUrls));
    }

    private void GatewayRules(IPaymentGatewayRegistry gateways, ReturnUrlPolicy returnUrls)
    {
        RuleFor(p => p.SavedMethodId).Null().WithMessage("savedMethodId goes with method 'saved'.");
        RuleFor(p => p.Gateway)
            .Must(g => g is null || gateways.Find(g) is not null)
            .WithMessage(p => $"'{p.Gateway}' is not a configured gateway; use one of: {string.Join(", ", gateways.Names)}.");
        // A card gateway needs a token; a redirect checkout (PayPal, Mollie, Tink, Swish) has none to give.
        RuleFor(p => p.PaymentMethod)
            .NotEmpty().WithMessage("The payment method token is required.")
            .When(p => p.Gateway is null
                ? gateways.Names.All(n => gateways.Find(n)!.Capabilities.RequiresPaymentMethod)
                : gateways.Find(p.Gateway)?.Capabilities.RequiresPaymentMethod == true);
        RuleFor(p => p.PaymentMethod)
            .MaximumLength(255)
            .Must((p, token) => p.Gateway is null
                ? gateways.Names.Any(n => gateways.Find(n)!.AcceptsPaymentMethod(token))
                : gateways.Find(p.Gateway) is not { } gateway || gateway.AcceptsPaymentMethod(token))
            .WithMessage(p => p.Gateway is null
                ? "No configured gateway accepts this payment method token."
                : $"The {p.Gateway} gateway does not accept this payment method token.")
            .When(p => !string.IsNullOrEmpty(p.PaymentMethod));
        RuleFor(p => p.ReturnUrl)
            .MaximumLength(2048)
            .Must(returnUrls.IsAllowed).WithMessage(_ => returnUrls.Describe())
            .When(p => p.ReturnUrl is not null);
    }
}
