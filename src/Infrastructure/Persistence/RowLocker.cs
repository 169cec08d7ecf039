using System.Collections.Concurrent;
using CleanPrepay.Application.Abstractions.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Infrastructure.Persistence;

/// <summary>
/// <c>SELECT … FOR UPDATE</c> on PostgreSQL. On SQLite every write transaction already holds the
/// database's single write lock (BEGIN IMMEDIATE), so there is nothing more to take.
/// </summary>
internal sealed class RowLocker(CleanPrepayDbContext db) : IRowLocker
{
    public async Task LockAsync<TEntity>(string property, string value, CancellationToken cancellationToken)
        where TEntity : class
    {
        if (!db.IsPostgres)
        {
            return;
        }

        RequireTransaction(db, "row");

        var sql = PerModel<Statements>.For(db).Sql.GetOrAdd((typeof(TEntity), property), static (key, db) => LockStatement(db, key.Entity, key.Property), db);
#pragma warning disable EF1002 // table and column come from the EF model, never from input; the value is a parameter
        await db.Database.ExecuteSqlRawAsync(sql, [value], cancellationToken);
#pragma warning restore EF1002
    }

    public async Task LockTableAgainstWritesAsync<TEntity>(CancellationToken cancellationToken)
        where TEntity : class
    {
        if (!db.IsPostgres)
        {
            return; // SQLite: the write transaction already excludes every other writer
        }

        RequireTransaction(db, "table");

        var table = db.Model.FindEntityType(typeof(TEntity))?.GetTableName() ?? throw new InvalidOperationException($"{typeof(TEntity)} is not mapped.");
#pragma warning disable EF1002 // the table name comes from the EF model, never from input
        await db.Database.ExecuteSqlRawAsync($"LOCK TABLE \"{table}\" IN SHARE ROW EXCLUSIVE MODE", cancellationToken);
#pragma warning restore EF1002
    }

    /// <summary>A lock taken outside a transaction is released when its statement ends: refuse it.</summary>
    internal static void RequireTransaction(CleanPrepayDbContext db, string what)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException($"A {what} lock outside a transaction would be released at once.");
        }
    }

    private static string LockStatement(CleanPrepayDbContext db, Type type, string property)
    {
        var entity = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type} is not mapped.");
        var table = entity.GetTableName()!;
        var column = entity.FindProperty(property)?.GetColumnName()
            ?? throw new InvalidOperationException($"{type.Name}.{property} is not mapped.");
        return $"SELECT 1 FROM \"{table}\" WHERE \"{column}\" = {{0}} FOR UPDATE";
    }

    /// <summary>The lock statement per (entity, property), built once per model from the EF mapping.</summary>
    private sealed class Statements
    {
        public readonly ConcurrentDictionary<(Type Entity, string Property), string> Sql = new();
    }
}
