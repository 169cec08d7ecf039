using CleanPrepay.Application.Abstractions.Gateways;
using FluentValidation;

namespace CleanPrepay.Application.Payments.Charging;

internal sealed class PaymentInputValidator : AbstractValidator<PaymentInput>
{
    public PaymentInputValidator(IPaymentGatewayRegistry gateways, ReturnUrlPolicy returnUrls)
    {
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
