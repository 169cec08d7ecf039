using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Common.Contracts;

namespace CleanPrepay.Application.Coupons.ListCustomerCoupons;

/// <summary>The coupons a customer redeemed (the seeds' "cart rules used"), newest first.</summary>
public sealed record ListCustomerCouponsQuery(string CustomerId, int? Limit, string? Cursor) : IQuery<Page<CouponRedemptionDto>>, ICustomerScoped, IPagedQuery;
