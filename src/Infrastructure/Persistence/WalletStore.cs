using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Wallets;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Infrastructure.Persistence;

/// <summary>
/// Locks the wallet row, then loads it, in two statements: one statement loses updates under READ
/// COMMITTED, because its join reads the pockets from a snapshot older than the lock (ADR 0005). On
/// PostgreSQL both go in one round trip (<see cref="LockThenReadInterceptor"/>, ADR 0035).
/// </summary>
internal sealed class WalletStore(CleanPrepayDbContext db) : IWalletStore
{
    public async Task<Wallet?> LoadForUpdateAsync(string customerId, CancellationToken cancellationToken)
    {
        if (!db.IsPostgres)
        {
            return await PerModel<Compiled>.For(db).Load(db, customerId, cancellationToken); // SQLite: the write transaction holds the database
        }

        RowLocker.RequireTransaction(db, "row");
        return await PerModel<Compiled>.For(db).LockAndLoad(db, customerId, cancellationToken);
    }

    public async Task<Dictionary<string, Wallet>> LoadManyForUpdateAsync(IReadOnlyCollection<string> customerIds, CancellationToken cancellationToken)
    {
        if (customerIds.Count == 0)
        {
            return [];
        }

        var ids = customerIds.Distinct(StringComparer.Ordinal).ToArray();
        if (db.IsPostgres)
        {
            RowLocker.RequireTransaction(db, "row");

            // Lock first, in id order; then read with a snapshot taken after the locks are held (see above).
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"SELECT 1 FROM (SELECT id FROM wallets WHERE customer_id = ANY({ids}) ORDER BY id FOR UPDATE) locked", cancellationToken);
        }

        return await db.Wallets.Include(w => w.Pockets).Where(w => ids.Contains(w.CustomerId)).AsSplitQuery()
            .ToDictionaryAsync(w => w.CustomerId, cancellationToken);
    }

    /// <summary>Precompiled (per model): the hottest query of every wallet write, spared the LINQ pipeline on each call.</summary>
    private sealed class Compiled
    {
        public readonly Func<CleanPrepayDbContext, string, CancellationToken, Task<Wallet?>> Load =
            EF.CompileAsyncQuery((CleanPrepayDbContext ctx, string customerId, CancellationToken _) =>
                ctx.Wallets.Include(w => w.Pockets).FirstOrDefault(w => w.CustomerId == customerId));

        public readonly Func<CleanPrepayDbContext, string, CancellationToken, Task<Wallet?>> LockAndLoad =
            EF.CompileAsyncQuery((CleanPrepayDbContext ctx, string customerId, CancellationToken _) =>
                ctx.Wallets.TagWith(LockThenReadInterceptor.Tag + "wallets.customer_id").Include(w => w.Pockets).FirstOrDefault(w => w.CustomerId == customerId));
    }
}
