using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Application.Payments.Charging;
using FluentValidation;

namespace CleanPrepay.Application.PaymentMethods.SavePaymentMethod;

internal sealed class SavePaymentMethodValidator : AbstractValidator<SavePaymentMethodCommand>
{
    public SavePaymentMethodValidator(IPaymentGatewayRegistry gateways, ReturnUrlPolicy returnUrls)
    {
        RuleFor(c => c.CustomerId).ValidId();
        RuleFor(c => c.Gateway).NotEmpty().WithMessage("The gateway is required.")
            .Must(g => gateways.Find(g!) is not null)
            .WithMessage(c => $"'{c.Gateway}' is not a configured gateway; use one of: {string.Join(", ", gateways.Names)}.")
            .When(c => c.Gateway is not null, ApplyConditionTo.CurrentValidator);
        RuleFor(c => c.Kind).IsInEnum();
        RuleFor(c => c.PaymentMethod)
            .NotEmpty().WithMessage("The payment method token is required for this gateway.")
            .When(c => c.Gateway is not null && gateways.Find(c.Gateway)?.Capabilities.RequiresPaymentMethod == true);
        RuleFor(c => c.PaymentMethod)
            .MaximumLength(255)
            .Must((c, token) => gateways.Find(c.Gateway!) is not { } gateway || gateway.AcceptsPaymentMethod(token))
            .WithMessage(c => $"The {c.Gateway} gateway does not accept this payment method token.")
            .When(c => !string.IsNullOrEmpty(c.PaymentMethod) && c.Gateway is not null);
        RuleFor(c => c.ReturnUrl)
            .MaximumLength(2048)
            .Must(returnUrls.IsAllowed).WithMessage(_ => returnUrls.Describe())
            .When(c => c.ReturnUrl is not null);
    }
}
