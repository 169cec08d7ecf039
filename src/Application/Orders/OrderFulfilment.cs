using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Accesses;
using CleanPrepay.Domain.Bonuses;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Orders;
using CleanPrepay.Domain.Wallets;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Orders;

/// <summary>
/// What paying an order sets in motion, exactly once (it runs only when the order moves to paid,
/// inside the unit of work that moves it): accesses, packages credited, bonus rules fired.
/// </summary>
internal sealed class OrderFulfilment(IApplicationDbContext db, IWalletStore wallets, ICurrentUser user, TimeProvider time)
{
    /// <param name="wallet">The customer's wallet when the caller already holds its lock.</param>
    public async Task<Result> PayAsync(Order order, Wallet? wallet, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (!order.MarkPaid(now))
        {
            return Result.Success();
        }

        var paidAt = order.PaidAt!.Value;
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
                    var rules = await db.BonusRules.AsNoTracking()
                        .Where(b => b.DeletedAt == null && b.Trigger == BonusTrigger.SubscriptionPurchased && (b.PlanId == null || b.PlanId == plan.Id))
                        .ToListAsync(ct);
                    foreach (var rule in rules)
                    {
                        wallet ??= await LockWalletAsync(order.CustomerId, ct);
                        var granted = rule.GrantAmount is { } amount
                            ? wallet.Credit(amount, LedgerEntryKind.Bonus, order.Id, $"Bonus {rule.Id} for {plan.Name}", "system", now)
                            : wallet.CreditCredits(rule.GrantCredits!.Value, LedgerEntryKind.Bonus, order.Id, $"Bonus {rule.Id} for {plan.Name}", "system", now);
                        if (!granted.IsSuccess)
                        {
                            return granted.Error;
                        }
                    }

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

    public async Task<Wallet> LockWalletAsync(string customerId, CancellationToken ct)
    {
        return await wallets.LoadForUpdateAsync(customerId, ct)
            ?? throw new InvalidOperationException($"Customer {customerId} has no wallet.");
    }
}
