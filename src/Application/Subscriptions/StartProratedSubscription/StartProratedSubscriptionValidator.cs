using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Application.Payments.Charging;
using FluentValidation;

namespace CleanPrepay.Application.Subscriptions.StartProratedSubscription;

internal sealed class StartProratedSubscriptionValidator : AbstractValidator<StartProratedSubscriptionCommand>
{
    public StartProratedSubscriptionValidator(IPaymentGatewayRegistry gateways, ReturnUrlPolicy returnUrls)
    {
        RuleFor(c => c.CustomerId).ValidId();
        RuleFor(c => c.PlanId).ValidId().WithMessage("The planId is required.");
        RuleFor(c => c.Currency).Must(Domain.Monetary.Currency.IsKnown).When(c => c.Currency is not null)
            .WithMessage("'{PropertyValue}' is not an ISO 4217 currency code (upper case, e.g. EUR).");
        RuleFor(c => c.CouponCode).MaximumLength(64);
        RuleFor(c => c.RiskCheck!.Outcome).NotNull().WithMessage("The risk check's outcome is approved or rejected.").IsInEnum()
            .OverridePropertyName("riskCheck.outcome").When(c => c.RiskCheck is not null);
        RuleFor(c => c.Payment!).SetValidator(new SubscriptionPaymentValidator(gateways, returnUrls)).When(c => c.Payment is not null);
    }
}
