using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CleanPrepay.Infrastructure.Persistence.Migrations;

/// <summary>A versioned, forward-only SQL script embedded in this assembly.</summary>
public sealed record MigrationScript(int Version, string Name, string Sql)
{
    public string Checksum { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));
}

/// <summary>
/// Applies <c>Persistence/Migrations/{Postgres|Sqlite}/NNNN_name.sql</c> in order, once each, and
/// records them in <c>schema_migrations</c>. An applied script whose text changed stops the start:
/// history is never rewritten. Concurrent starters are serialised (advisory lock / BEGIN IMMEDIATE).
/// </summary>
public sealed class MigrationRunner(CleanPrepayDbContext db, TimeProvider time, ILogger<MigrationRunner> logger)
{
    private const long AdvisoryLockKey = 0x436c65616e507265; // "CleanPre"

    public static IReadOnlyList<MigrationScript> ScriptsFor(string provider)
    {
        var assembly = typeof(MigrationRunner).Assembly;
        var prefix = $"{typeof(MigrationRunner).Namespace}.{provider}.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var fileName = n[prefix.Length..^4];
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                var version = int.Parse(fileName.AsSpan(0, fileName.IndexOf('_', StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture);
                return new MigrationScript(version, fileName, reader.ReadToEnd());
            })
            .OrderBy(s => s.Version)
            .ToList();
    }

    public string Provider => db.IsPostgres ? "Postgres" : "Sqlite";

    /// <summary>Applies pending scripts; returns how many were applied.</summary>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        var scripts = ScriptsFor(Provider);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (!db.IsPostgres)
            {
                await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL;", cancellationToken);
            }

            await using var transaction = db.IsPostgres
                ? await connection.BeginTransactionAsync(cancellationToken)
                : await BeginImmediateAsync(connection, cancellationToken);
            if (db.IsPostgres)
            {
                await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey});", cancellationToken);
            }

            await ExecuteAsync(
                connection,
                transaction,
                "CREATE TABLE IF NOT EXISTS schema_migrations (version integer NOT NULL PRIMARY KEY, name varchar(200) NOT NULL, checksum varchar(64) NOT NULL, applied_at varchar(40) NOT NULL);",
                cancellationToken);
            var applied = await ReadAppliedAsync(connection, transaction, cancellationToken);
            var count = 0;
            foreach (var script in scripts)
            {
                if (applied.TryGetValue(script.Version, out var checksum))
                {
                    if (checksum != script.Checksum)
                    {
                        throw new InvalidOperationException(
                            $"Migration {script.Name} was changed after it was applied. Add a new migration instead of editing an applied one.");
                    }

                    continue;
                }

                logger.LogInformation("Applying migration {Migration} on {Provider}", script.Name, Provider);
                await ExecuteAsync(connection, transaction, script.Sql, cancellationToken);
                await using var record = connection.CreateCommand();
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (@v, @n, @c, @a)";
                AddParameter(record, "@v", script.Version);
                AddParameter(record, "@n", script.Name);
                AddParameter(record, "@c", script.Checksum);
                AddParameter(record, "@a", time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                await record.ExecuteNonQueryAsync(cancellationToken);
                count++;
            }

            await transaction.CommitAsync(cancellationToken);
            return count;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<DbTransaction> BeginImmediateAsync(DbConnection connection, CancellationToken cancellationToken) =>
        // Microsoft.Data.Sqlite begins IMMEDIATE transactions unless asked for deferred ones.
        await connection.BeginTransactionAsync(cancellationToken);

    private static async Task<Dictionary<int, string>> ReadAppliedAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT version, checksum FROM schema_migrations";
        var applied = new Dictionary<int, string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)] = reader.GetString(1);
        }

        return applied;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
