using FluentValidation;

namespace CleanPrepay.Application.Coupons.ApplyCouponToAccount;

internal sealed class ApplyCouponToAccountValidator : AbstractValidator<ApplyCouponToAccountCommand>
{
    public ApplyCouponToAccountValidator()
    {
        RuleFor(c => c.Code).ValidCouponCode();
        RuleFor(c => c.CustomerId).ValidCustomer();
    }
}
