using FluentValidation;

namespace CleanPrepay.Application.Coupons.UpdateCouponCampaign;

internal sealed class UpdateCouponCampaignValidator : AbstractValidator<UpdateCouponCampaignCommand>
{
    public UpdateCouponCampaignValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200).When(c => c.Name is not null);
        RuleFor(c => c.MaxRedemptions).GreaterThanOrEqualTo(1);
    }
}
