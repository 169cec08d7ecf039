using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Common.Contracts;

namespace CleanPrepay.Application.Coupons.ListCouponCampaigns;

public sealed record ListCouponCampaignsQuery(CampaignStatus? Status, int? Limit, string? Cursor) : IQuery<Page<CouponCampaignDto>>, IPagedQuery;
