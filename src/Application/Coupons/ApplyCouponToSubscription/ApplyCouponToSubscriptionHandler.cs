using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Subscriptions;
using CleanPrepay.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Coupons.ApplyCouponToSubscription;

internal sealed class ApplyCouponToSubscriptionHandler(
    IApplicationDbContext db, SubscriptionCoupons subscriptionCoupons, SubscriptionReads subscriptionReads, TimeProvider time)
    : ICommandHandler<ApplyCouponToSubscriptionCommand, AppliedCouponDto>
{
    public async Task<Result<AppliedCouponDto>> Handle(ApplyCouponToSubscriptionCommand r, CancellationToken cancellationToken)
    {
        var customerId = r.CustomerId!;
        var subscription = await db.Subscriptions.FirstOrDefaultAsync(s => s.Id == r.SubscriptionId, cancellationToken);
        if (subscription is null || subscription.CustomerId != customerId)
        {
            return await ApplyCouponRules.TargetNotFoundAsync(db, customerId, $"The subscription '{r.SubscriptionId}'", cancellationToken);
        }

        var kept = await subscriptionCoupons.ApplyAsync(r.Code!, subscription, time.GetUtcNow(), cancellationToken);
        return kept.IsSuccess
            ? new AppliedCouponDto(CouponRedemptionDto.From(kept.Value), null, await subscriptionReads.FromTrackedAsync(subscription, cancellationToken))
            : kept.Error;
    }
}
