using CleanPrepay.Application.Common.Contracts;
using FluentValidation;

namespace CleanPrepay.Application.Subscriptions.ChangeSubscriptionPaymentMethod;

internal sealed class ChangeSubscriptionPaymentMethodValidator : AbstractValidator<ChangeSubscriptionPaymentMethodCommand>
{
    public ChangeSubscriptionPaymentMethodValidator(Abstractions.Gateways.IPaymentGatewayRegistry gateways, Payments.Charging.ReturnUrlPolicy returnUrls)
    {
        RuleFor(c => c.SubscriptionId).ValidId();
        RuleFor(c => c.Payment).NotNull().WithMessage("The payment is required: {\"method\": \"wallet\"|\"gateway\"}.");
        RuleFor(c => c.Payment!).SetValidator(new SubscriptionPaymentValidator(gateways, returnUrls)).When(c => c.Payment is not null);
    }
}
