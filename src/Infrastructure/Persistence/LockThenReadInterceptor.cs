using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CleanPrepay.Infrastructure.Persistence;

/// <summary>
/// Sends a row lock and the query after it as two statements of one PostgreSQL command: one round
/// trip, and each statement has its own READ COMMITTED snapshot, so the read sees what the last
/// holder of the lock committed (ADR 0005, ADR 0035). Queries opt in with <see cref="Tag"/>.
/// </summary>
internal sealed class LockThenReadInterceptor : DbCommandInterceptor
{
    /// <summary>The query's first parameter names the row: <c>TagWith(Tag + "wallets.customer_id")</c> locks <c>wallets</c> where <c>customer_id</c> equals it.</summary>
    public const string Tag = "lock-then-read:";

    public static LockThenReadInterceptor Instance { get; } = new();

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Prepend(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Prepend(command);
        return ValueTask.FromResult(result);
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        if (IsTagged(command))
        {
            result.NextResult(); // past the lock's empty result, to the query EF reads
        }

        return result;
    }

    public override async ValueTask<DbDataReader> ReaderExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        if (IsTagged(command))
        {
            await result.NextResultAsync(cancellationToken);
        }

        return result;
    }

    private static bool IsTagged(DbCommand command) => command.CommandText.StartsWith("SELECT 1 FROM ", StringComparison.Ordinal)
        && command.CommandText.Contains("-- " + Tag, StringComparison.Ordinal);

    private static void Prepend(DbCommand command)
    {
        var text = command.CommandText;
        if (!text.StartsWith("-- " + Tag, StringComparison.Ordinal))
        {
            return;
        }

        if (command.Parameters.Count == 0)
        {
            throw new InvalidOperationException("A lock-then-read query needs the locked row's key as its first parameter."); // never read unlocked
        }

        var end = text.IndexOf('\n', StringComparison.Ordinal);
        var target = text[(3 + Tag.Length)..end].Trim().Split('.');
        if (target.Length != 2 || !target.All(IsIdentifier))
        {
            throw new InvalidOperationException($"'{text[..end]}' does not name table.column.");
        }

        // The tag comes from our own code (table and column of the EF model), never from input; the value stays a parameter.
        command.CommandText = $"SELECT 1 FROM \"{target[0]}\" WHERE \"{target[1]}\" = @{command.Parameters[0].ParameterName.TrimStart('@')} FOR UPDATE;\n{text}";
    }

    private static bool IsIdentifier(string name) => name.Length > 0 && name.All(c => c is '_' or (>= 'a' and <= 'z') or (>= '0' and <= '9'));
}
