using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Coupons;

namespace CleanPrepay.Application.Coupons.ApplyCouponToAccount;

internal sealed class ApplyCouponToAccountHandler(IApplicationDbContext db, CouponRedeemer redeemer, TimeProvider time)
    : ICommandHandler<ApplyCouponToAccountCommand, AppliedCouponDto>
{
    public async Task<Result<AppliedCouponDto>> Handle(ApplyCouponToAccountCommand r, CancellationToken cancellationToken)
    {
        var customerId = r.CustomerId!;
        var now = time.GetUtcNow();
        var found = await redeemer.FindAsync(r.Code!, customerId, now, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var (campaign, code) = found.Value;
        var claimed = await redeemer.ClaimAsync(campaign, code, customerId, now, cancellationToken);
        if (!claimed.IsSuccess)
        {
            return claimed.Error!;
        }

        var attached = CouponRedemption.ForAccount(campaign, code.Key, customerId, now);
        db.CouponRedemptions.Add(attached);
        await CouponRedeemer.CountAttachedAsync(db, customerId, +1, cancellationToken);
        return new AppliedCouponDto(CouponRedemptionDto.From(attached), null);
    }
}
