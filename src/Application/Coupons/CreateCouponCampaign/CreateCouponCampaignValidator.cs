using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Coupons;
using FluentValidation;

namespace CleanPrepay.Application.Coupons.CreateCouponCampaign;

internal sealed class CreateCouponCampaignValidator : AbstractValidator<CreateCouponCampaignCommand>
{
    public const int MaxBulkCount = 100_000;

    public CreateCouponCampaignValidator()
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage("The name is required.").MaximumLength(200);
        RuleFor(c => c.PercentOff).InclusiveBetween(1, CouponCampaign.MaxPercentOffBasisPoints)
            .WithMessage("percentOff is in basis points, from 1 to 10000 (100 %).");
        RuleFor(c => c.AmountOff!).SetValidator(new MoneyInputValidator()).When(c => c.AmountOff is not null);
        RuleFor(c => c.AmountsOff).Null().When(c => c.AmountOff is null).WithMessage("Send amountsOff together with amountOff.");
        RuleForEach(c => c.AmountsOff).NotNull().SetValidator(new MoneyInputValidator()!);
        RuleFor(c => c.Duration).NotNull().WithMessage("The duration is required: once, repeating or forever.").IsInEnum();
        RuleFor(c => c.AppliesTo).NotNull().WithMessage("appliesTo is required: order, subscription or account.").IsInEnum();
        RuleFor(c => c.PlanIds).Must(p => p!.Count <= 100).When(c => c.PlanIds is not null).WithMessage("At most 100 planIds.");
        RuleForEach(c => c.PlanIds).NotEmpty().MaximumLength(64);
        RuleFor(c => c.PackageIds).Must(p => p!.Count <= 100).When(c => c.PackageIds is not null).WithMessage("At most 100 packageIds.");
        RuleForEach(c => c.PackageIds).NotEmpty().MaximumLength(64);
        RuleFor(c => c.Code).Must(c => CouponCode.IsWellFormed(c!, CouponCode.MaxLength) && CouponCode.Normalize(c!).Length >= 3)
            .When(c => c.Code is not null)
            .WithMessage("A code is 3 to 64 letters, digits, hyphens or underscores.");
        RuleFor(c => c.Bulk).NotNull().When(c => c.Code is null).WithMessage("Give a code, or bulk: {\"count\"} for unique codes.");
        RuleFor(c => c.Bulk).Null().When(c => c.Code is not null).WithMessage("Give a code or bulk, not both.");
        RuleFor(c => c.Bulk!.Count).NotNull().InclusiveBetween(1, MaxBulkCount).When(c => c.Bulk is not null)
            .WithMessage($"bulk.count is 1 to {MaxBulkCount:N0}.");
        RuleFor(c => c.Bulk!.Prefix).Must(p => CouponCode.IsWellFormed(p!, CouponCode.MaxPrefixLength))
            .When(c => c.Bulk?.Prefix is not null)
            .WithMessage("bulk.prefix is 1 to 20 letters, digits, hyphens or underscores.");
    }
}
