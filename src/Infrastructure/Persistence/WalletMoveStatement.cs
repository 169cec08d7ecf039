using CleanPrepay.Application.Abstractions.Events;
using CleanPrepay.Application.Abstractions.Idempotency;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Wallets;
using CleanPrepay.Domain.Wallets.Events;
using CleanPrepay.Infrastructure.Persistence.Idempotency;
using CleanPrepay.Infrastructure.Persistence.Outbox;
using CleanPrepay.Infrastructure.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace CleanPrepay.Infrastructure.Persistence;

/// <summary>
/// A <see cref="WalletMove"/> as one batch in PostgreSQL's implicit transaction (ADR 0036): the wallet row
/// lock, then one statement that checks the move's range, updates the pocket, bumps the wallet's version,
/// appends the ledger entry and writes the outbox row and the idempotency mark. Npgsql sends the batch in
/// one round trip and the server commits at its end, so the row is locked for the statement and the WAL
/// flush only, and a failure anywhere leaves nothing behind.
/// </summary>
internal sealed class WalletMoveStatement(
    CleanPrepayDbContext db, IEnumerable<IOutboxHandler> outboxHandlers, IDomainEventDispatcher dispatcher,
    CurrentIdempotencyKey idempotencyKey, IOptions<IdempotencyOptions> idempotencyOptions, TimeProvider time,
    WebhookSubscriptions subscriptions) : IWalletMoveStatement
{
    private static readonly string[] Statements = BuildStatements();

    public async Task<LedgerEntry?> TryCommitAsync(string customerId, WalletMove move, CancellationToken cancellationToken)
    {
        if (!db.IsPostgres)
        {
            return null; // SQLite takes the aggregate path: its write transaction holds the whole database anyway
        }

        if (db.Database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException("A one-statement wallet move commits itself; it cannot join a unit of work.");
        }

        var handled = outboxHandlers.Any(h => h.EventType == nameof(WalletLedgerEntryAdded));
        var webhook = (await subscriptions.WantedAsync(db, cancellationToken))(nameof(WalletLedgerEntryAdded));
        var outbox = handled || webhook;
        var marking = idempotencyKey is { Key: not null, Scope: not null, Committed: false };
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using var batch = connection.CreateBatch();
            if (!move.IsCredits)
            {
                // The wallet row before the pocket, in the order every other wallet write takes them, so no two wait in a cycle.
                var lockWallet = new NpgsqlBatchCommand("SELECT 1 FROM wallets WHERE customer_id = $1 FOR UPDATE");
                lockWallet.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Varchar, Value = customerId });
                batch.BatchCommands.Add(lockWallet);
            }

            var apply = new NpgsqlBatchCommand(Statements[(move.IsCredits ? 4 : 0) + (outbox ? 2 : 0) + (marking ? 1 : 0)]);
            AddParameters(apply.Parameters, customerId, move, outbox, handled, webhook, marking);
            batch.BatchCommands.Add(apply);

            long sequence, balanceAfter;
            string walletId;
            await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
            {
                if (!move.IsCredits)
                {
                    await reader.NextResultAsync(cancellationToken); // past the lock's row
                }

                if (!await reader.ReadAsync(cancellationToken))
                {
                    return null; // not applied: no wallet, no pocket, or a balance outside the range
                }

                (walletId, sequence, balanceAfter) = (reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2));
            }

            idempotencyKey.Committed |= marking;
            var entry = move.EntryAt(walletId, sequence, balanceAfter);
            await dispatcher.DispatchAsync([WalletMove.AddedEvent(entry, customerId)], cancellationToken);
            return entry;
        }
        catch (Exception ex) when (DbErrors.IsTransientConflict(ex))
        {
            return null; // rolled back whole; the aggregate path has the retries
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private void AddParameters(NpgsqlParameterCollection parameters, string customerId, WalletMove move, bool outbox, bool handled, bool webhook, bool marking)
    {
        void Add(NpgsqlDbType type, object? value) => parameters.Add(new NpgsqlParameter { NpgsqlDbType = type, Value = value ?? DBNull.Value });

        Add(NpgsqlDbType.Varchar, customerId);              // $1
        Add(NpgsqlDbType.Varchar, move.Currency);           // $2
        Add(NpgsqlDbType.Bigint, move.Delta);               // $3
        Add(NpgsqlDbType.Bigint, move.MinimumBefore);       // $4
        Add(NpgsqlDbType.Bigint, move.MaximumBefore);       // $5
        Add(NpgsqlDbType.Varchar, move.EntryId);            // $6
        Add(NpgsqlDbType.Varchar, move.Kind.ToString());    // $7, stored as its name (LedgerEntryConfiguration)
        Add(NpgsqlDbType.Varchar, move.Reference);          // $8
        Add(NpgsqlDbType.Varchar, move.Reason);             // $9
        Add(NpgsqlDbType.Varchar, move.CreatedBy);          // $10
        Add(NpgsqlDbType.TimestampTz, move.At.ToUniversalTime()); // $11
        if (outbox)
        {
            // The event as the unit of work would serialize it; the wallet id, the balance after and the sequence are the statement's to fill in.
            var message = OutboxMessage.For(WalletMove.AddedEvent(move.EntryAt(string.Empty, 0, 0), customerId));
            Add(NpgsqlDbType.Varchar, message.Id);          // $12
            Add(NpgsqlDbType.Text, message.Payload);        // $13
            Add(NpgsqlDbType.Boolean, webhook); // $14
            Add(NpgsqlDbType.TimestampTz, handled ? null : move.At.ToUniversalTime()); // $15: processed already when no handler takes it
        }

        if (marking)
        {
            Add(NpgsqlDbType.Varchar, idempotencyKey.Scope); // $16 (or $12 without the outbox)
            Add(NpgsqlDbType.Varchar, idempotencyKey.Key);
            Add(NpgsqlDbType.TimestampTz, (time.GetUtcNow() + idempotencyOptions.Value.HoldFor).ToUniversalTime());
        }
    }

    /// <summary>The eight shapes (money or credits × outbox × idempotency mark), built once.</summary>
    private static string[] BuildStatements()
    {
        var statements = new string[8];
        for (var shape = 0; shape < 8; shape++)
        {
            bool credits = (shape & 4) != 0, outbox = (shape & 2) != 0, marking = (shape & 1) != 0;
            var moved = credits
                ? """
                  WITH moved AS (
                      UPDATE wallets SET credits = credits + $3, version = version + 1
                      WHERE customer_id = $1 AND credits BETWEEN $4 AND $5
                      RETURNING id AS wallet_id, version AS sequence, credits AS balance_after)
                  """
                : """
                  WITH pocket AS (
                      UPDATE wallet_pockets SET balance = balance + $3
                      WHERE wallet_id = (SELECT id FROM wallets WHERE customer_id = $1) AND currency = $2 AND balance BETWEEN $4 AND $5
                      RETURNING wallet_id, balance),
                  moved AS (
                      UPDATE wallets SET version = version + 1 FROM pocket WHERE wallets.id = pocket.wallet_id
                      RETURNING wallets.id AS wallet_id, wallets.version AS sequence, pocket.balance AS balance_after)
                  """;
            var sql = moved + """
                ,
                entry AS (
                    INSERT INTO ledger_entries (id, wallet_id, sequence, kind, currency, amount, balance_after, reference, reason, created_by, created_at)
                    SELECT $6, wallet_id, sequence, $7, $2, $3, balance_after, $8, $9, $10, $11 FROM moved
                    RETURNING wallet_id, sequence, balance_after)
                """;
            var next = 12;
            if (outbox)
            {
                sql += $$"""
                    ,
                    outbox AS (
                        INSERT INTO outbox_messages (id, type, payload, occurred_at, attempts, webhook, processed_at)
                        SELECT $12, '{{nameof(WalletLedgerEntryAdded)}}', jsonb_set(jsonb_set(jsonb_set($13::jsonb, '{balanceAfter}', to_jsonb(balance_after)), '{walletId}', to_jsonb(wallet_id)), '{sequence}', to_jsonb(sequence))::text, $11, 0, $14, $15 FROM entry)
                    """;
                next = 16;
            }

            if (marking)
            {
                sql += $"""
                    ,
                    mark AS (
                        UPDATE idempotency_records SET committed = true, held_until = ${next + 2}
                        WHERE scope = ${next} AND key = ${next + 1} AND NOT completed AND EXISTS (SELECT 1 FROM entry))
                    """;
            }

            statements[shape] = sql + "\nSELECT wallet_id, sequence, balance_after FROM entry";
        }

        return statements;
    }
}
