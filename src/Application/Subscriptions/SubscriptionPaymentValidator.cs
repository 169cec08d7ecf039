using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Application.Orders;
using CleanPrepay.Application.Payments.Charging;
using CleanPrepay.Domain.Orders;
using FluentValidation;

namespace CleanPrepay.Application.Subscriptions;

/// <summary>How a subscription's charges are paid: the wallet or a gateway with a payment-method token (credits do not buy plans).</summary>
internal sealed class SubscriptionPaymentValidator : AbstractValidator<OrderPaymentInput>
{
    public SubscriptionPaymentValidator(IPaymentGatewayRegistry gateways, ReturnUrlPolicy returnUrls)
    {
        RuleFor(p => p.Method).NotNull().WithMessage("The payment method is required: wallet or gateway.")
            .Must(m => m is null or OrderPaymentMethod.Wallet or OrderPaymentMethod.Gateway).WithMessage("A subscription is paid from the wallet or through a gateway, not with credits.");
        RuleFor(p => new PaymentInput(p.Gateway, p.PaymentMethod, p.ReturnUrl)).SetValidator(new PaymentInputValidator(gateways, returnUrls))
            .OverridePropertyName(string.Empty)
            .When(p => p.Method == OrderPaymentMethod.Gateway);
    }
}
