using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Subscriptions;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Subscriptions;

internal static class SubscriptionEnding
{
    /// <summary>Cancels now: access ends now, and pending prepayments (with their unpaid orders) are canceled.</summary>
    public static async Task EndNowAsync(IApplicationDbContext db, Subscription subscription, string reason, DateTimeOffset now, CancellationToken ct)
    {
        subscription.Cancel(reason, now);
        await CloseWhatIsOpenAsync(db, subscription, now, ct);
    }

    /// <summary>Ends the subscription's accesses now and cancels its pending prepayments (a cancellation, a plan change).</summary>
    public static async Task CloseWhatIsOpenAsync(IApplicationDbContext db, Subscription subscription, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var access in await db.Accesses.Where(a => a.SubscriptionId == subscription.Id && (a.ExpiresAt == null || a.ExpiresAt > now)).ToListAsync(ct))
        {
            access.EndAt(now);
        }

        foreach (var prepayment in await db.Prepayments.Where(p => p.SubscriptionId == subscription.Id && p.Status == PrepaymentStatus.Pending).ToListAsync(ct))
        {
            await CloseAsync(db, prepayment, expired: false, now, ct);
        }
    }

    /// <summary>Closes a pending prepayment and fails its unpaid order (a payment that succeeds later is credited back to the wallet).</summary>
    public static async Task CloseAsync(IApplicationDbContext db, Prepayment prepayment, bool expired, DateTimeOffset now, CancellationToken ct)
    {
        if (expired)
        {
            prepayment.Expire(now);
        }
        else
        {
            prepayment.Cancel(now);
        }

        if (prepayment.OrderId is { } orderId && await db.Orders.FirstOrDefaultAsync(o => o.Id == orderId, ct) is { } order)
        {
            order.MarkFailed(now);
        }
    }
}
