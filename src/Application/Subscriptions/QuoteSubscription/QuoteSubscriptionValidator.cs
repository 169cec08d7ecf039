using CleanPrepay.Application.Common.Contracts;
using FluentValidation;

namespace CleanPrepay.Application.Subscriptions.QuoteSubscription;

internal sealed class QuoteSubscriptionValidator : AbstractValidator<QuoteSubscriptionQuery>
{
    public QuoteSubscriptionValidator()
    {
        RuleFor(c => c.CustomerId).ValidId();
        RuleFor(c => c.PlanId).ValidId().WithMessage("The planId is required.");
        RuleFor(c => c.Currency).Must(Domain.Monetary.Currency.IsKnown).When(c => c.Currency is not null)
            .WithMessage("'{PropertyValue}' is not an ISO 4217 currency code (upper case, e.g. EUR).");
        RuleFor(c => c.CouponCode).MaximumLength(64);
    }
}
