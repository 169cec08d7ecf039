using FluentValidation;

namespace CleanPrepay.Application.Coupons.ApplyCouponToSubscription;

internal sealed class ApplyCouponToSubscriptionValidator : AbstractValidator<ApplyCouponToSubscriptionCommand>
{
    public ApplyCouponToSubscriptionValidator()
    {
        RuleFor(c => c.Code).ValidCouponCode();
        RuleFor(c => c.CustomerId).ValidCustomer();
        RuleFor(c => c.SubscriptionId).MaximumLength(64);
    }
}
