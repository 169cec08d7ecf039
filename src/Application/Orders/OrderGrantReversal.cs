using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Monetary;
using CleanPrepay.Domain.Orders;
using CleanPrepay.Domain.Wallets;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Orders;

/// <summary>
/// Takes back the share of what paying an order put in the wallet (a package's <c>top_up</c>, <c>bonus</c>
/// entries referencing the order) that the money given back pays for, whoever gives it back: a refund,
/// a lost dispute (ADR 0027, 0040). Pocket by pocket, as <c>reversal</c> entries, even past the
/// negative-balance limit; cumulative (<see cref="Wallet.ReversalDue"/>), so nothing is reversed twice.
/// </summary>
internal sealed class OrderGrantReversal(IApplicationDbContext db, IWalletStore wallets)
{
    /// <param name="takenBack">Everything of the order's payment now given back, in the unit it was paid in.</param>
    /// <param name="wallet">The customer's wallet when the caller already holds its lock.</param>
    public async Task<Result> ReverseAsync(Order order, long takenBack, string why, DateTimeOffset now, CancellationToken ct, Wallet? wallet = null)
    {
        var paid = order.PaymentMethod == OrderPaymentMethod.Credits ? order.CreditsTotal ?? 0 : order.Total.MinorUnits;
        takenBack = Math.Min(takenBack, paid);
        if (takenBack <= 0 || paid <= 0)
        {
            return Result.Success();
        }

        var walletId = wallet?.Id ?? await db.Wallets.Where(w => w.CustomerId == order.CustomerId).Select(w => w.Id).FirstOrDefaultAsync(ct);
        var pockets = await db.LedgerEntries.AsNoTracking()
            .Where(e => e.WalletId == walletId && e.Reference == order.Id
                && (e.Kind == LedgerEntryKind.TopUp || e.Kind == LedgerEntryKind.Bonus || e.Kind == LedgerEntryKind.Reversal))
            .GroupBy(e => e.Currency)
            .Select(g => new
            {
                Currency = g.Key,
                Granted = g.Sum(e => e.Kind == LedgerEntryKind.Reversal ? 0 : e.Amount),
                Reversed = -g.Sum(e => e.Kind == LedgerEntryKind.Reversal ? e.Amount : 0),
            })
            .ToListAsync(ct);
        foreach (var pocket in pockets.OrderBy(p => p.Currency, StringComparer.Ordinal))
        {
            var due = Wallet.ReversalDue(pocket.Granted, pocket.Reversed, takenBack, paid);
            if (due == 0)
            {
                continue;
            }

            wallet ??= await wallets.LoadForUpdateAsync(order.CustomerId, ct)
                ?? throw new InvalidOperationException($"Customer {order.CustomerId} has no wallet.");
            var reason = $"{why} {takenBack} of {paid}: the order's grant goes back";
            var reversed = pocket.Currency is null
                ? wallet.ReverseCredits(due, order.Id, reason, "system", now)
                : wallet.Reverse(new Money(due, Currency.From(pocket.Currency)), order.Id, reason, "system", now);
            if (!reversed.IsSuccess)
            {
                return reversed.Error;
            }
        }

        return Result.Success();
    }
}
