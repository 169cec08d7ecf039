using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Common.Contracts;

namespace CleanPrepay.Application.Coupons.ListCouponCodes;

/// <summary>The campaign's codes, by code (bulk codes are random, so this order is as good as any and pages stably).</summary>
public sealed record ListCouponCodesQuery(string CampaignId, bool? Redeemed, int? Limit, string? Cursor) : IQuery<Page<CouponCodeDto>>, IPagedQuery;
