using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Accesses;
using CleanPrepay.Domain.Bonuses;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Orders;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Domain.Wallets;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Orders;

/// <summary>
/// What paying an order sets in motion, exactly once (it runs only when the order moves to paid,
/// inside the unit of work that moves it): accesses, packages credited, bonus rules fired.
/// </summary>
internal sealed class OrderFulfilment(
    IApplicationDbContext db, IWalletStore wallets, IPrepaymentSettler prepayments, ICurrentUser user, TimeProvider time)
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
        if (order.PrepaymentId is not null)
        {
            return await PayPrepaymentAsync(order, wallet, now, ct);
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
                    wallet ??= await wallets.LockAsync(order.CustomerId, ct);
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

    /// <summary>A subscription's prepayment is paid: what the prepayment could not keep goes back to the wallet, else its plan's bonuses fire.</summary>
    private async Task<Result> PayPrepaymentAsync(Order order, Wallet? wallet, DateTimeOffset now, CancellationToken ct)
    {
        var paid = await prepayments.PaidAsync(order, ct);
        if (paid.CreditBackReason is { } reason)
        {
            return await CreditBackAsync(order, wallet, reason, now, ct);
        }

        if (paid.BonusPlanId is { } planId)
        {
            var bonus = await GrantBonusesAsync(order, planId, paid.BonusPlanName!, wallet, now, ct);
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

        wallet ??= await wallets.LockAsync(order.CustomerId, ct);
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
            wallet ??= await wallets.LockAsync(order.CustomerId, ct);
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
}
