using CleanPrepay.Application.Common.Contracts;

namespace CleanPrepay.Application.Coupons.ListCouponCodes;

internal sealed class ListCouponCodesValidator : PagedQueryValidator<ListCouponCodesQuery>;
