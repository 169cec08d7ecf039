using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Application.Payments.Charging;
using FluentValidation;

namespace CleanPrepay.Application.Subscriptions.PayPrepayment;

internal sealed class PayPrepaymentValidator : AbstractValidator<PayPrepaymentCommand>
{
    public PayPrepaymentValidator(IPaymentGatewayRegistry gateways, ReturnUrlPolicy returnUrls)
    {
        RuleFor(c => c.PrepaymentId).ValidId();
        RuleFor(c => c.Payment).NotNull().WithMessage("The payment is required: {\"method\": \"wallet\"|\"gateway\"}.");
        RuleFor(c => c.Payment!).SetValidator(new SubscriptionPaymentValidator(gateways, returnUrls)).When(c => c.Payment is not null);
    }
}
