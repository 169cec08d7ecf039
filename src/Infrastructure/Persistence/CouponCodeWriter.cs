using System.Data.Common;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Coupons;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace CleanPrepay.Infrastructure.Persistence;

/// <summary>
/// Bulk codes in set-based SQL inside the current transaction; a colliding code is skipped and redrawn
/// (docs/spec/coupons.md#bulk-codes).
/// </summary>
internal sealed class CouponCodeWriter(CleanPrepayDbContext db) : ICouponCodeWriter
{
    private const int BatchSize = 20_000;

    public async Task<IReadOnlyList<string>> GenerateAsync(string campaignId, int count, string? prefix, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Bulk codes are written inside a unit of work.");

        // The codes reference their campaign, which may have been added in this unit of work: write
        // what is pending first (same transaction, so it still commits or rolls back as one).
        await db.SaveChangesAsync(cancellationToken);
        var written = new List<string>(count);
        for (var round = 0; written.Count < count; round++)
        {
            if (round > 20)
            {
                throw new InvalidOperationException("Could not draw unique coupon codes; the code space looks exhausted.");
            }

            var wanted = Math.Min(BatchSize, count - written.Count);
            var codes = CouponCode.Generate(wanted, prefix);
            written.AddRange(db.IsPostgres
                ? await InsertPostgresAsync(transaction, campaignId, codes, now, cancellationToken)
                : await InsertSqliteAsync(transaction, campaignId, codes, now, cancellationToken));
        }

        return written;
    }

    private async Task<List<string>> InsertPostgresAsync(IDbContextTransaction transaction, string campaignId, List<string> codes, DateTimeOffset now, CancellationToken ct)
    {
        var byKey = codes.ToDictionary(CouponCode.Normalize, StringComparer.Ordinal);
        await using var command = (NpgsqlCommand)CreateCommand(transaction);
        command.CommandText =
            """
            INSERT INTO coupon_codes (key, code, campaign_id, bulk, created_at)
            SELECT k, c, @campaign, TRUE, @now FROM unnest(@keys, @codes) AS t(k, c)
            ON CONFLICT (key) DO NOTHING
            RETURNING key
            """;
        command.Parameters.Add(new NpgsqlParameter<string>("campaign", campaignId));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now.ToUniversalTime()));
        command.Parameters.Add(new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = byKey.Keys.ToArray() });
        command.Parameters.Add(new NpgsqlParameter("codes", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = byKey.Values.ToArray() });
        var inserted = new List<string>(codes.Count);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            inserted.Add(byKey[reader.GetString(0)]);
        }

        return inserted;
    }

    private async Task<List<string>> InsertSqliteAsync(IDbContextTransaction transaction, string campaignId, List<string> codes, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = CreateCommand(transaction);
        command.CommandText = "INSERT OR IGNORE INTO coupon_codes (key, code, campaign_id, bulk, created_at) VALUES ($key, $code, $campaign, 1, $now)";
        var key = Parameter(command, "$key");
        var code = Parameter(command, "$code");
        Parameter(command, "$campaign").Value = campaignId;
        Parameter(command, "$now").Value = now.UtcTicks; // SQLite stores instants as UTC ticks (ADR 0003)
        await command.PrepareAsync(ct);
        var inserted = new List<string>(codes.Count);
        foreach (var c in codes)
        {
            key.Value = CouponCode.Normalize(c);
            code.Value = c;
            if (await command.ExecuteNonQueryAsync(ct) == 1)
            {
                inserted.Add(c);
            }
        }

        return inserted;
    }

    private DbCommand CreateCommand(IDbContextTransaction transaction)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        return command;
    }

    private static DbParameter Parameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
