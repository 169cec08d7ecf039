using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CleanPrepay.Infrastructure.Persistence;

/// <summary>Classifies provider errors the same way on PostgreSQL and SQLite.</summary>
internal static class DbErrors
{
    public static bool IsUniqueViolation(Exception ex) => Unwrap(ex) switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        _ => false,
    };

    /// <summary>
    /// A conflict that running the work again may resolve: a stale version, a serialization failure or
    /// deadlock, a busy database, or two writers racing for the same ledger step or new pocket (the
    /// unique keys behind the optimistic token).
    /// </summary>
    public static bool IsTransientConflict(Exception ex) => ex is DbUpdateConcurrencyException || Unwrap(ex) switch
    {
        PostgresException pg => pg.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected
            || (pg.SqlState == PostgresErrorCodes.UniqueViolation && pg.ConstraintName is { } c && RacingKeys.Contains(c)),
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6 // SQLITE_BUSY, SQLITE_LOCKED
            || (IsUniqueViolation(sqlite) && RacingKeys.Any(k => sqlite.Message.Contains(SqliteColumns(k), StringComparison.Ordinal))),
        _ => false,
    };

    private static readonly string[] RacingKeys = ["ix_ledger_entries_wallet_id_sequence", "pk_wallet_pockets", "ix_coupon_redemptions_campaign_id_customer_id", "ix_gateway_webhook_events_gateway_event_id"];

    /// <summary>SQLite names the columns, not the index: "UNIQUE constraint failed: ledger_entries.wallet_id, ledger_entries.sequence".</summary>
    private static string SqliteColumns(string key) => key switch
    {
        "ix_ledger_entries_wallet_id_sequence" => "ledger_entries.wallet_id, ledger_entries.sequence",
        "ix_coupon_redemptions_campaign_id_customer_id" => "coupon_redemptions.campaign_id, coupon_redemptions.customer_id",
        // Two deliveries of one provider event racing: the loser runs again, finds the inbox row and changes nothing.
        "ix_gateway_webhook_events_gateway_event_id" => "gateway_webhook_events.gateway, gateway_webhook_events.event_id",
        _ => "wallet_pockets.wallet_id, wallet_pockets.currency",
    };

    private static Exception Unwrap(Exception ex)
    {
        var current = ex;
        while (current is DbUpdateException { InnerException: { } inner })
        {
            current = inner;
        }

        return current;
    }
}
