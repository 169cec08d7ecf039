using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Infrastructure.Persistence;

/// <inheritdoc />
internal sealed class SubscriptionClaims(CleanPrepayDbContext db) : ISubscriptionClaims
{
    public async Task<IReadOnlyList<Subscription>> ClaimDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        if (db.IsPostgres)
        {
            // EF Core reads a complex property's columns of a FromSql result by their default names
            // (dotnet/efcore#36847), so the price is selected under those names too.
            return await db.Subscriptions
                .FromSqlInterpolated($"SELECT *, price AS \"Price_MinorUnits\", currency AS \"Price_Currency\" FROM subscriptions WHERE next_charge_at <= {now.ToUniversalTime()} AND status <> 'Canceled' ORDER BY next_charge_at LIMIT {limit} FOR UPDATE SKIP LOCKED")
                .ToListAsync(cancellationToken);
        }

        return await db.Subscriptions.Where(s => s.NextChargeAt <= now && s.Status != SubscriptionStatus.Canceled)
            .OrderBy(s => s.NextChargeAt).Take(limit).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Prepayment>> ClaimExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        if (db.IsPostgres)
        {
            return await db.Prepayments
                .FromSqlInterpolated($"SELECT *, amount AS \"Amount_MinorUnits\", currency AS \"Amount_Currency\" FROM prepayments WHERE expires_at <= {now.ToUniversalTime()} AND status = 'Pending' ORDER BY expires_at LIMIT {limit} FOR UPDATE SKIP LOCKED")
                .ToListAsync(cancellationToken);
        }

        return await db.Prepayments.Where(p => p.ExpiresAt <= now && p.Status == PrepaymentStatus.Pending)
            .OrderBy(p => p.ExpiresAt).Take(limit).ToListAsync(cancellationToken);
    }
}
