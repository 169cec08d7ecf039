using FluentValidation;

namespace CleanPrepay.Application.Coupons.ApplyCouponToOrder;

internal sealed class ApplyCouponToOrderValidator : AbstractValidator<ApplyCouponToOrderCommand>
{
    public ApplyCouponToOrderValidator()
    {
        RuleFor(c => c.Code).ValidCouponCode();
        RuleFor(c => c.CustomerId).ValidCustomer();
        RuleFor(c => c.OrderId).MaximumLength(64);
    }
}
