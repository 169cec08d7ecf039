using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Orders;
using CleanPrepay.Domain.Accesses;
using CleanPrepay.Domain.Monetary;
using CleanPrepay.Domain.Orders;
using CleanPrepay.Domain.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CleanPrepay.Application.Subscriptions;

/// <summary>What the payment of a prepayment's order means for the prepayment and its subscription (the order settler calls it).</summary>
internal sealed class PrepaymentSettler(IApplicationDbContext db, IOptions<SubscriptionOptions> options, TimeProvider time) : IPrepaymentSettler
{
    /// <summary>
    /// The subscription is active and paid through the prepayment's last day, and an access covers its days.
    /// Paid twice (a late gateway success after another attempt or after it expired), or for a canceled
    /// subscription, the payment goes back to the wallet: no lost cent.
    /// </summary>
    public async Task<PrepaymentOutcome> PaidAsync(Order order, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var prepayment = await TrackedAsync(db.Prepayments, order.PrepaymentId!, ct);
        var subscription = await TrackedAsync(db.Subscriptions, prepayment.SubscriptionId, ct);
        if (subscription.Status == SubscriptionStatus.Canceled)
        {
            prepayment.Cancel(now);
            return new PrepaymentOutcome($"Subscription {subscription.Id} is canceled");
        }

        if (!prepayment.MarkPaid(order.Id, now).IsSuccess)
        {
            return new PrepaymentOutcome($"Prepayment {prepayment.Id} was already {prepayment.Status.ToString().ToLowerInvariant()}");
        }

        subscription.Paid(prepayment.PeriodEnd, now);
        if (subscription.RenewalMethod == RenewalMethod.Gateway && subscription.SavedMethodId is null && order.PaymentId is { } paymentId
            && db.SavedPaymentMethods.Local.FirstOrDefault(m => m.SetupReference == paymentId && m.IsUsable) is { } kept
            && kept.Gateway == subscription.Gateway)
        {
            // Paid with "save": the method this payment just kept renews it off-session, not the one-time token (ADR 0038).
            subscription.UseForRenewals(RenewalMethod.Gateway, kept.Gateway, null, now, kept.Id);
        }

        if (order.Discount.IsPositive && subscription.CouponCampaignId is { } campaignId
            && await db.CouponRedemptions.FirstOrDefaultAsync(r => r.CampaignId == campaignId && r.CustomerId == order.CustomerId, ct) is { } redemption
            && redemption.OrderId != order.Id)
        {
            // A discount the subscription's coupon gave a later charge: the campaign's report counts what was paid.
            redemption.Granted(order.Discount, now);
        }

        var startsAt = Subscription.StartOf(prepayment.PeriodStart);
        db.Accesses.Add(Access.Grant(
            order.CustomerId, AccessKind.Subscription, null, subscription.PlanId, order.Id, startsAt > now ? startsAt : now,
            Subscription.StartOf(prepayment.PeriodEnd.AddDays(1)), null, null, subscription.Id));
        if (prepayment.Kind != PrepaymentKind.Initial)
        {
            return PrepaymentOutcome.Done;
        }

        var planName = await db.Plans.AsNoTracking().Where(p => p.Id == subscription.PlanId).Select(p => p.Name).FirstAsync(ct);
        return new PrepaymentOutcome(null, subscription.PlanId, planName);
    }

    /// <summary>
    /// A renewal's order failed: the subscription goes past_due and retries on schedule (an initial
    /// prepayment just stays pending for another attempt until it expires).
    /// </summary>
    public async Task FailedAsync(Order order, CancellationToken ct)
    {
        var prepayment = await TrackedAsync(db.Prepayments, order.PrepaymentId!, ct);
        if (prepayment.Status != PrepaymentStatus.Pending || prepayment.OrderId != order.Id)
        {
            return; // closed meanwhile, or an older attempt: nothing waits on this one
        }

        var now = time.GetUtcNow();
        var subscription = await TrackedAsync(db.Subscriptions, prepayment.SubscriptionId, ct);
        if (prepayment.Kind == PrepaymentKind.Renewal)
        {
            subscription.RenewalFailed(options.Value.RetrySchedule, now);
            if (subscription.Status == SubscriptionStatus.Canceled)
            {
                await SubscriptionEnding.EndNowAsync(db, subscription, "payment_failed", now, ct);
            }
        }
        else if (subscription.Status == SubscriptionStatus.Trialing)
        {
            // The charge at a trial's end was declined: the first prepayment waits to be paid (or expires).
            subscription.AwaitPrepayment(now);
        }
    }

    /// <summary>
    /// An off-session renewal needs the payer: the subscription goes past_due and the payer is sent the link
    /// (<see cref="Subscription.AwaitPayer"/>). The order settler calls it once per charge.
    /// </summary>
    public async Task ActionRequiredAsync(Order order, Domain.Payments.Payment payment, CancellationToken ct)
    {
        var prepayment = await TrackedAsync(db.Prepayments, order.PrepaymentId!, ct);
        if (prepayment.Status != PrepaymentStatus.Pending || prepayment.OrderId != order.Id)
        {
            return;
        }

        var subscription = await TrackedAsync(db.Subscriptions, prepayment.SubscriptionId, ct);
        subscription.AwaitPayer(payment.Id, payment.NextActionUrl, time.GetUtcNow());
    }

    /// <summary>
    /// The entity with this key: one this unit of work added or loaded, by the identity map (no change
    /// detection over everything tracked, which a renewal batch of hundreds would pay once per row),
    /// else loaded.
    /// </summary>
    private static async Task<T> TrackedAsync<T>(DbSet<T> set, string id, CancellationToken ct)
        where T : class =>
        await set.FindAsync([id], ct) ?? throw new InvalidOperationException($"{typeof(T).Name} {id} does not exist.");
}
