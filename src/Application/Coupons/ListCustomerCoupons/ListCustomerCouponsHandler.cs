using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Common;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Coupons.ListCustomerCoupons;

internal sealed class ListCustomerCouponsHandler(IApplicationDbContext db) : IQueryHandler<ListCustomerCouponsQuery, Page<CouponRedemptionDto>>
{
    public async Task<Result<Page<CouponRedemptionDto>>> Handle(ListCustomerCouponsQuery r, CancellationToken cancellationToken)
    {
        if (!await db.Customers.AsNoTracking().AnyAsync(c => c.Id == r.CustomerId, cancellationToken))
        {
            return Domain.Customers.CustomerErrors.NotFound;
        }

        return await db.CouponRedemptions.AsNoTracking().Where(c => c.CustomerId == r.CustomerId)
            .PageByIdAsync(r.Limit, r.Cursor, CouponRedemptionDto.From, cancellationToken);
    }
}
