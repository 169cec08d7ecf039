using CleanPrepay.Application.Common.Contracts;
using FluentValidation;

namespace CleanPrepay.Application.Coupons.ListCouponCampaigns;

internal sealed class ListCouponCampaignsValidator : PagedQueryValidator<ListCouponCampaignsQuery>
{
    public ListCouponCampaignsValidator() => RuleFor(q => q.Status).IsInEnum();
}
