using CleanPrepay.Application.Coupons.CreateCouponCampaign;
using CleanPrepay.Domain.Coupons;
using FluentValidation;

namespace CleanPrepay.Application.Coupons.GenerateCouponCodes;

internal sealed class GenerateCouponCodesValidator : AbstractValidator<GenerateCouponCodesCommand>
{
    public GenerateCouponCodesValidator()
    {
        RuleFor(c => c.Count).NotNull().WithMessage("count is required.").InclusiveBetween(1, CreateCouponCampaignValidator.MaxBulkCount)
            .WithMessage($"count is 1 to {CreateCouponCampaignValidator.MaxBulkCount:N0}.");
        RuleFor(c => c.Prefix).Must(p => CouponCode.IsWellFormed(p!, CouponCode.MaxPrefixLength)).When(c => c.Prefix is not null)
            .WithMessage("prefix is 1 to 20 letters, digits, hyphens or underscores.");
    }
}
