using System.Globalization;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Customers;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Wallets.ListWalletTransactions;

/// <summary>The wallet's history, newest first, keyed by its per-wallet sequence.</summary>
internal sealed class ListWalletTransactionsHandler(IApplicationDbContext db)
    : IQueryHandler<ListWalletTransactionsQuery, Page<WalletTransactionDto>>
{
    public async Task<Result<Page<WalletTransactionDto>>> Handle(ListWalletTransactionsQuery request, CancellationToken cancellationToken)
    {
        var walletId = await db.Wallets.AsNoTracking()
            .Where(w => w.CustomerId == request.CustomerId).Select(w => w.Id).FirstOrDefaultAsync(cancellationToken);
        if (walletId is null)
        {
            return CustomerErrors.NotFound;
        }

        var limit = request.Limit ?? Cursor.DefaultLimit;
        var query = db.LedgerEntries.AsNoTracking().Where(e => e.WalletId == walletId);
        if (Cursor.TryDecode(request.Cursor, out var key))
        {
            var before = long.Parse(key, CultureInfo.InvariantCulture);
            query = query.Where(e => e.Sequence < before);
        }

        var rows = await query.OrderByDescending(e => e.Sequence).Take(limit + 1).ToListAsync(cancellationToken);
        return Cursor.ToPage(rows, limit, e => e.Sequence.ToString(CultureInfo.InvariantCulture), WalletTransactionDto.From);
    }
}
