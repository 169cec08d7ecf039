using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Accesses;
using CleanPrepay.Domain.Bonuses;
using CleanPrepay.Domain.Common;
using CleanPrepay.Application.Subscriptions;
using CleanPrepay.Domain.Orders;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Domain.Subscriptions;
using CleanPrepay.Domain.Wallets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Application.Orders;

/// <summary>
/// What paying an order sets in motion, exactly once (it runs only when the order moves to paid,
/// inside the unit of work that moves it): accesses, packages credited, bonus rules fired.
/// </summary>
internal sealed class OrderFulfilment(
    IApplicationDbContext db, IWalletStore wallets, ICurrentUser user, IOptions<SubscriptionOptions> subscriptionOptions, TimeProvider time)
{
    /// <param name="wallet">The customer's wallet when the caller already holds its lock.</param>
    public async Task<Result> PayAsync(Order order, Wallet? wallet, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (!order.MarkPaid(now).IsSuccess)
        {
            // A gateway success that arrives after its prepayment attempt was closed (the subscription canceled or
            // changed plan, the prepayment expired, a stale attempt replaced): the money goes back to the wallet.
            return order.Status == OrderStatus.Failed && order.PrepaymentId is not null
                ? await CreditBackAsync(order, wallet, $"Payment for closed order {order.Id}", now, ct)
                : Result.Success();
        }

        var paidAt = order.PaidAt!.Value;
        if (order.PrepaymentId is { } prepaymentId)
        {
            return await PayPrepaymentAsync(order, prepaymentId, wallet, ct);
        }

        foreach (var line in order.Lines)
        {
            switch (line.Kind)
            {
                case OrderItemKind.VideoRent:
                    db.Accesses.Add(Access.Grant(order.CustomerId, AccessKind.Rental, line.ItemId, null, order.Id, paidAt, paidAt.AddHours(line.AccessHours!.Value)));
                    break;
                case OrderItemKind.VideoBuy:
                    db.Accesses.Add(Access.Grant(order.CustomerId, AccessKind.Purchase, line.ItemId, null, order.Id, paidAt, null));
                    break;
                case OrderItemKind.Plan:
                    var plan = await db.Plans.AsNoTracking().FirstAsync(p => p.Id == line.ItemId, ct);
                    db.Accesses.Add(Access.Grant(order.CustomerId, AccessKind.Subscription, null, plan.Id, order.Id, paidAt, plan.PeriodEnd(paidAt)));
                    var bonus = await GrantBonusesAsync(order, plan.Id, plan.Name, wallet, now, ct);
                    if (!bonus.IsSuccess)
                    {
                        return bonus.Error;
                    }

                    wallet = bonus.Value;
                    break;
                case OrderItemKind.Package:
                    var package = await db.PrepaymentPackages.AsNoTracking().FirstAsync(p => p.Id == line.ItemId, ct);
                    wallet ??= await LockWalletAsync(order.CustomerId, ct);
                    var credited = package.GrantAmount is { } grant
                        ? wallet.Credit(grant, LedgerEntryKind.TopUp, order.Id, $"Package {package.Name}", user.Actor, now)
                        : wallet.CreditCredits(package.GrantCredits!.Value, LedgerEntryKind.TopUp, order.Id, $"Package {package.Name}", user.Actor, now);
                    if (!credited.IsSuccess)
                    {
                        return credited.Error;
                    }

                    break;
            }
        }

        return Result.Success();
    }

    /// <summary>
    /// The order failed to pay a renewal: the subscription goes past_due and retries on
    /// schedule (an initial prepayment just stays pending for another attempt until it expires).
    /// </summary>
    public async Task FailAsync(Order order, CancellationToken ct)
    {
        if (order.PrepaymentId is not { } prepaymentId)
        {
            return;
        }

        var prepayment = await TrackedAsync(db.Prepayments, prepaymentId, ct);
        if (prepayment.Status != PrepaymentStatus.Pending || prepayment.OrderId != order.Id)
        {
            return; // closed meanwhile, or an older attempt: nothing waits on this one
        }

        var now = time.GetUtcNow();
        var subscription = await TrackedAsync(db.Subscriptions, prepayment.SubscriptionId, ct);
        if (prepayment.Kind == PrepaymentKind.Renewal)
        {
            subscription.RenewalFailed(subscriptionOptions.Value.RetrySchedule, now);
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
    /// A subscription's prepayment is paid: the subscription is active and paid through its last day,
    /// and an access covers its days. Paid twice (a late gateway success after another attempt or
    /// after it expired), or for a canceled subscription, the payment goes back to the wallet: no lost cent.
    /// </summary>
    private async Task<Result> PayPrepaymentAsync(Order order, string prepaymentId, Wallet? wallet, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var prepayment = await TrackedAsync(db.Prepayments, prepaymentId, ct);
        var subscription = await TrackedAsync(db.Subscriptions, prepayment.SubscriptionId, ct);
        if (subscription.Status == SubscriptionStatus.Canceled)
        {
            prepayment.Cancel(now);
            return await CreditBackAsync(order, wallet, $"Subscription {subscription.Id} is canceled", now, ct);
        }

        if (!prepayment.MarkPaid(order.Id, now).IsSuccess)
        {
            return await CreditBackAsync(order, wallet, $"Prepayment {prepayment.Id} was already {prepayment.Status.ToString().ToLowerInvariant()}", now, ct);
        }

        subscription.Paid(prepayment.PeriodEnd, now);
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
        if (prepayment.Kind == PrepaymentKind.Initial)
        {
            var planName = await db.Plans.AsNoTracking().Where(p => p.Id == subscription.PlanId).Select(p => p.Name).FirstAsync(ct);
            var bonus = await GrantBonusesAsync(order, subscription.PlanId, planName, wallet, now, ct);
            return bonus.IsSuccess ? Result.Success() : bonus.Error;
        }

        return Result.Success();
    }

    private async Task<Result> CreditBackAsync(Order order, Wallet? wallet, string reason, DateTimeOffset now, CancellationToken ct)
    {
        if (order.Total.IsZero)
        {
            return Result.Success();
        }

        // The payment's money now sits in the wallet: a refund of the payment must not give it back again (ADR 0027).
        if (order.PaymentId is { } paymentId && await db.Payments.FindAsync([paymentId], ct) is { Status: PaymentStatus.Succeeded } payment)
        {
            payment.RecordReturn(Math.Min(order.Total.MinorUnits, payment.RefundableAmount), now);
        }

        wallet ??= await LockWalletAsync(order.CustomerId, ct);
        var credited = wallet.Credit(order.Total, LedgerEntryKind.Refund, order.Id, reason, "system", now);
        return credited.IsSuccess ? Result.Success() : credited.Error;
    }

    /// <summary>The bonus rules a subscription purchase fires (an annual plan granting 12 credits); returns the wallet if it had to lock it.</summary>
    private async Task<Result<Wallet?>> GrantBonusesAsync(Order order, string planId, string planName, Wallet? wallet, DateTimeOffset now, CancellationToken ct)
    {
        var rules = await db.BonusRules.AsNoTracking()
            .Where(b => b.DeletedAt == null && b.Trigger == BonusTrigger.SubscriptionPurchased && (b.PlanId == null || b.PlanId == planId))
            .ToListAsync(ct);
        foreach (var rule in rules)
        {
            wallet ??= await LockWalletAsync(order.CustomerId, ct);
            var granted = rule.GrantAmount is { } amount
                ? wallet.Credit(amount, LedgerEntryKind.Bonus, order.Id, $"Bonus {rule.Id} for {planName}", "system", now)
                : wallet.CreditCredits(rule.GrantCredits!.Value, LedgerEntryKind.Bonus, order.Id, $"Bonus {rule.Id} for {planName}", "system", now);
            if (!granted.IsSuccess)
            {
                return granted.Error;
            }
        }

        return wallet;
    }

    /// <summary>
    /// The entity with this key: one this unit of work added or loaded, by the identity map (no change
    /// detection over everything tracked, which a renewal batch of hundreds would pay once per row),
    /// else loaded.
    /// </summary>
    private static async Task<T> TrackedAsync<T>(DbSet<T> set, string id, CancellationToken ct)
        where T : class =>
        await set.FindAsync([id], ct) ?? throw new InvalidOperationException($"{typeof(T).Name} {id} does not exist.");

    public async Task<Wallet> LockWalletAsync(string customerId, CancellationToken ct)
    {
        return await wallets.LoadForUpdateAsync(customerId, ct)
            ?? throw new InvalidOperationException($"Customer {customerId} has no wallet.");
    }
}
