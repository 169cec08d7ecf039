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
        RuleFor(p => p.Method).NotNull().WithMessage("The payment method is required: wallet, gateway or saved.")
            .Must(m => m is null or OrderPaymentMethod.Wallet or OrderPaymentMethod.Gateway or OrderPaymentMethod.Saved)
            .WithMessage("A subscription is paid from the wallet, through a gateway or with a saved method, not with credits.");
        RuleFor(p => p.ToPaymentInput()).SetValidator(new PaymentInputValidator(gateways, returnUrls))
            .OverridePropertyName(string.Empty)
            .When(p => p.Method is OrderPaymentMethod.Gateway or OrderPaymentMethod.Saved);
        RuleFor(p => p).Must(p => p.SavedMethodId is null && p.Save != true)
            .OverridePropertyName("savedMethodId")
            .WithMessage("savedMethodId goes with method 'saved', and save with method 'gateway'.")
            .When(p => p.Method == OrderPaymentMethod.Wallet);
    }
}
