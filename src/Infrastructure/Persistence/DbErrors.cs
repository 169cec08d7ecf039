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

    /// <summary>A conflict that running the work again may resolve.</summary>
    public static bool IsTransientConflict(Exception ex) => ex is DbUpdateConcurrencyException || Unwrap(ex) switch
    {
        PostgresException pg => pg.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected,
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6, // SQLITE_BUSY, SQLITE_LOCKED
        _ => false,
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
