using CleanPrepay.Application.Common.Contracts;

namespace CleanPrepay.Application.Coupons.ListCustomerCoupons;

internal sealed class ListCustomerCouponsValidator : PagedQueryValidator<ListCustomerCouponsQuery>;
