using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Subscriptions;

namespace CleanPrepay.Application.Subscriptions.CancelSubscription;

internal sealed class CancelSubscriptionHandler(IApplicationDbContext db, IRowLocker locker, ICurrentUser user, SubscriptionReads reads, TimeProvider time)
    : ICommandHandler<CancelSubscriptionCommand, SubscriptionDto>
{
    public async Task<Result<SubscriptionDto>> Handle(CancelSubscriptionCommand r, CancellationToken ct)
    {
        if (await reads.LockOwnedAsync(locker, user, r.SubscriptionId, ct) is not { } subscription)
        {
            return SubscriptionReads.NotFound;
        }

        if (subscription.Status == SubscriptionStatus.Canceled)
        {
            return Error.Conflict("The subscription is already canceled.");
        }

        var now = time.GetUtcNow();
        var paid = subscription.PaidThrough is { } through && Subscription.StartOf(through.AddDays(1)) > now
            && subscription.Status is SubscriptionStatus.Active or SubscriptionStatus.PastDue;
        if (r.AtPeriodEnd != false && paid)
        {
            subscription.ScheduleCancellation(now);
        }
        else
        {
            await SubscriptionEnding.EndNowAsync(db, subscription, r.AtPeriodEnd == false ? "canceled" : "canceled_unpaid", now, ct);
        }

        return await reads.FromTrackedAsync(subscription, ct);
    }
}
