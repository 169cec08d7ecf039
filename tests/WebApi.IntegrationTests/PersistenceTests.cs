using System.Data.Common;
using System.Net;
using CleanPrepay.Application.Wallets;
using CleanPrepay.Application.Wallets.TopUpWallet;
using CleanPrepay.Infrastructure.Persistence;
using CleanPrepay.Infrastructure.Persistence.Migrations;
using CleanPrepay.WebApi.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CleanPrepay.WebApi.IntegrationTests;

public abstract class PersistenceTests(ApiFixture api)
{
    private readonly Given _given = new(api);

    protected abstract Task<ScratchDatabase> NewDatabaseAsync();

    [Fact]
    public async Task A_migrated_database_matches_the_ef_model()
    {
        await using var fromModel = await NewDatabaseAsync();
        await using (var db = fromModel.Context())
        {
            Assert.True(await db.Database.EnsureCreatedAsync());
        }

        var migrated = await api.WithDbAsync(db => SchemaReader.ReadAsync(db));
        await using var modelDb = fromModel.Context();
        var expected = await SchemaReader.ReadAsync(modelDb);

        Assert.True(expected.Count > 60, $"Only {expected.Count} schema facts were read: the comparison would prove nothing.");
        Assert.Equal(expected.Except(migrated).ToList(), Array.Empty<string>());
        Assert.Equal(migrated.Except(expected).ToList(), Array.Empty<string>());
    }

    [Fact]
    public async Task Migrations_apply_once_and_refuse_an_edited_history()
    {
        await using var scratch = await NewDatabaseAsync();
        var scripts = MigrationRunner.ScriptsFor(api.Provider);

        Assert.Equal(scripts.Count, await RunnerFor(scratch).MigrateAsync(CancellationToken.None));
        Assert.Equal(0, await RunnerFor(scratch).MigrateAsync(CancellationToken.None));

        await using (var db = scratch.Context())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1");
        }

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => RunnerFor(scratch).MigrateAsync(CancellationToken.None));
        Assert.Contains("was changed after it was applied", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Instances_starting_together_migrate_once()
    {
        await using var scratch = await NewDatabaseAsync();

        var applied = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => RunnerFor(scratch).MigrateAsync(CancellationToken.None))));

        Assert.Equal(MigrationRunner.ScriptsFor(api.Provider).Count, applied.Sum());
        await using var db = scratch.Context();
        Assert.Equal(50, (await db.Settings.AsNoTracking().SingleAsync()).DefaultMinPrepaymentPercent);
    }

    [Fact]
    public async Task Migration_0009_keeps_customers_whose_emails_already_collide_without_case()
    {
        await using var scratch = await NewDatabaseAsync();
        var scripts = MigrationRunner.ScriptsFor(api.Provider);
        await using (var db = scratch.Context())
        {
            foreach (var script in scripts.Where(x => x.Version < 9))
            {
#pragma warning disable EF1002 // the committed migration scripts, no input
                await db.Database.ExecuteSqlRawAsync(script.Sql);
#pragma warning restore EF1002
            }

            var registered = db.IsPostgres ? "now()" : "0";
            foreach (var (id, email) in new[] { ("cus_01", "Ann@Example.test"), ("cus_02", "ann@example.test"), ("cus_03", "ANN@EXAMPLE.TEST"), ("cus_04", "Bob@Example.test") })
            {
#pragma warning disable EF1002 // fixed test values
                await db.Database.ExecuteSqlRawAsync(
                    $"INSERT INTO customers (id, email, name, language, newsletter, opt_in, status, registered_at, version) VALUES ('{id}', '{email}', 'N', 'en', false, false, 'Active', {registered}, 0)"
                        .Replace("false", db.IsPostgres ? "false" : "0", StringComparison.Ordinal));
#pragma warning restore EF1002
            }

#pragma warning disable EF1002 // the committed migration script
            await db.Database.ExecuteSqlRawAsync(scripts.Single(x => x.Version == 9).Sql);
#pragma warning restore EF1002
        }

        await using var after = scratch.Context();
        var rows = await after.Customers.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Id, c.Email, c.NormalizedEmail }).ToListAsync();
        // Nobody is lost or changed; the oldest keeps the key, the later duplicates get keys of their own.
        Assert.Equal(["Ann@Example.test", "ann@example.test", "ANN@EXAMPLE.TEST", "Bob@Example.test"], rows.Select(r => r.Email).ToArray());
        Assert.Equal(["ann@example.test", "ann@example.test#cus_02", "ann@example.test#cus_03", "bob@example.test"], rows.Select(r => r.NormalizedEmail).ToArray());
    }

    [Fact]
    public async Task The_ledger_is_append_only_in_the_database_itself()
    {
        var admin = api.Admin();
        var customer = (await _given.CustomerAsync(eur: 100)).Id;
        var walletId = (await admin.GetJsonAsync($"/v1/customers/{customer}/wallet")).As<WalletDto>().Id;

        await api.WithDbAsync(async db =>
        {
            await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("UPDATE ledger_entries SET amount = 0 WHERE wallet_id = {0}", walletId));
            await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM ledger_entries WHERE wallet_id = {0}", walletId));
            return 0;
        });

        Assert.Equal(100, (await admin.LedgerAsync(customer)).Single().Amount!.Amount);
    }

    [Fact]
    public async Task Every_ledger_entry_reaches_the_outbox_in_its_transaction_and_is_delivered()
    {
        var admin = api.Admin();
        var customer = await admin.CreateCustomerAsync();
        var entry = await admin.AdjustAsync(customer, "credit", 4200);
        var refused = await admin.AdjustAsync(customer, "debit", 999999);
        var entryId = entry.As<WalletTransactionDto>().Id;
        Assert.Equal("insufficient_balance", refused.Code);

        var messages = await api.WithDbAsync(db => db.Set<CleanPrepay.Infrastructure.Persistence.Outbox.OutboxMessage>().AsNoTracking()
            .Where(m => m.Payload.Contains(customer) && m.Type != "CustomerCreated").ToListAsync());
        var message = Assert.Single(messages); // the refused debit wrote none
        Assert.Equal("WalletLedgerEntryAdded", message.Type);
        Assert.Contains(entryId, message.Payload, StringComparison.Ordinal);
        Assert.Contains("\"amount\":4200", message.Payload, StringComparison.Ordinal);

        // The outbox is shared with every test of the collection: under a loaded CI machine its backlog
        // of emails has taken more than 10 s to drain, so the deadline is 30 s.
        for (var i = 0; i < 300 && message.ProcessedAt is null; i++)
        {
            await Task.Delay(100);
            message = await api.WithDbAsync(db => db.Set<CleanPrepay.Infrastructure.Persistence.Outbox.OutboxMessage>().AsNoTracking().SingleAsync(m => m.Id == message.Id));
        }

        Assert.NotNull(message.ProcessedAt);
        Assert.Single(api.LedgerWebhook.Delivered, p => p.Contains(entryId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_events_with_an_outside_effect_write_an_outbox_row_and_webhook_only_ones_are_born_processed()
    {
        // An endpoint wanting these types makes them worth a row (ADR 0045); deleted at once, it receives nothing.
        var endpoint = await api.Admin().PostJsonAsync("/v1/webhook-endpoints", new
        {
            url = "https://93.184.215.14/hook", events = new[] { "customer.created", "payment.succeeded", "top_up.succeeded" },
        });
        Assert.Equal(HttpStatusCode.Created, endpoint.Status);
        string customer, paymentId;
        try
        {
            customer = await api.Admin().CreateCustomerAsync();
            var topUp = await api.Admin().TopUpAsync(customer, 500, "EUR", "pm_card_visa");
            paymentId = topUp.As<TopUpDto>().Payment.Id;
        }
        finally
        {
            await api.Admin().SendJsonAsync(HttpMethod.Delete, $"/v1/webhook-endpoints/{endpoint.Json["id"]!.GetValue<string>()}");
        }

        var rows = await api.WithDbAsync(db => db.Set<CleanPrepay.Infrastructure.Persistence.Outbox.OutboxMessage>().AsNoTracking()
            .Where(m => m.Payload.Contains(customer)).ToListAsync());

        // Wanted webhook types get a row (those of one transaction share it); those no in-process handler takes need no
        // processing there. The ledger entry's event is no endpoint's here, but has a handler (the recording webhook).
        var events = rows.SelectMany(r => CleanPrepay.Infrastructure.Webhooks.WebhookFanOut.Unpack(r)
            .Select(e => $"{e.Type}:{r.Webhook}:{r.ProcessedAt == r.OccurredAt}")).Order(StringComparer.Ordinal);
        Assert.Equal(["CustomerCreated:True:True", "PaymentSucceeded:True:True", "TopUpSucceeded:True:True", "WalletLedgerEntryAdded:False:False"], events);
        Assert.NotNull(paymentId);
    }

    [Fact]
    public async Task No_log_line_carries_a_token_a_payment_method_or_a_secret()
    {
        var customer = await api.Admin().CreateCustomerAsync();
        var token = api.Services.GetService(typeof(Auth.TokenIssuer)) is Auth.TokenIssuer issuer ? issuer.Issue("customer", customer) : throw new InvalidOperationException();
        var client = api.ClientWithToken(token);
        var topUp = await client.TopUpAsync(customer, 1000, "EUR", "pm_card_threeDSecureRequired");
        await client.PostJsonAsync($"/v1/payments/{topUp.As<TopUpDto>().Payment.Id}/confirm", null);
        await client.TopUpAsync(customer, 1000, "EUR", "pm_card_chargeDeclined");
        await client.PostJsonAsync($"/v1/customers/{customer}/wallet/top-ups", "{\"amount\":{\"amount\":1,\"currency\":\"EUR\"},\"payment\":{\"paymentMethod\":\"4242424242424242\"}}");

        var lines = api.LogLines.ToArray();
        Assert.Contains(lines, l => l.Contains("TopUpWalletCommand", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(token, StringComparison.Ordinal) || l.Contains(token[^20..], StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("pm_card", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("4242424242424242", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(ApiFixture.SigningKey, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("Bearer ", StringComparison.Ordinal));
    }

    private MigrationRunner RunnerFor(ScratchDatabase scratch) =>
        new(scratch.Context(), TimeProvider.System, NullLogger<MigrationRunner>.Instance);
}

/// <summary>An empty database of the fixture's provider, dropped afterwards.</summary>
public sealed class ScratchDatabase(Func<CleanPrepayDbContext> context, Func<Task> drop) : IAsyncDisposable
{
    public CleanPrepayDbContext Context() => context();

    public async ValueTask DisposeAsync() => await drop();
}

internal static class SchemaReader
{
    /// <summary>Tables, columns (type, nullability), keys, indexes and foreign keys, one line per fact.</summary>
    public static async Task<List<string>> ReadAsync(CleanPrepayDbContext db)
    {
        var sql = db.IsPostgres
            ? """
              SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '') || ' ' || is_nullable
                FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'schema_migrations'
              UNION ALL
              SELECT 'index ' || tablename || ' ' || regexp_replace(indexdef, ' ON public\.', ' ON ')
                FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'schema_migrations'
              UNION ALL
              SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
                FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> 'schema_migrations'
              """
            : """
              SELECT 'column ' || m.name || '.' || p.name || ' ' || p.type || ' ' || p."notnull" || ' pk' || p.pk
                FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT IN ('schema_migrations') AND m.name NOT LIKE 'sqlite_%'
              UNION ALL
              SELECT 'index ' || m.name || ' ' || il.name || ' unique' || il."unique" || ' ' || ii.seqno || ':' || ii.name
                FROM sqlite_master m JOIN pragma_index_list(m.name) il JOIN pragma_index_info(il.name) ii WHERE m.type = 'table' AND m.name NOT IN ('schema_migrations')
              UNION ALL
              SELECT 'fk ' || m.name || '.' || f."from" || ' -> ' || f."table" || '.' || f."to" || ' ' || f.on_delete
                FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table'
              """;
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            var facts = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                facts.Add(reader.GetString(0));
            }

            facts.Sort(StringComparer.Ordinal);
            return facts;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

[Collection("sqlite")]
public sealed class SqlitePersistenceTests(SqliteApiFixture api) : PersistenceTests(api)
{
    protected override Task<ScratchDatabase> NewDatabaseAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cleanprepay-scratch-{Guid.NewGuid():N}.db");
        var options = new DbContextOptionsBuilder<CleanPrepayDbContext>().UseSqlite($"Data Source={path};Default Timeout=30").Options;
        return Task.FromResult(new ScratchDatabase(
            () => new CleanPrepayDbContext(options),
            () =>
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (var suffix in new[] { "", "-wal", "-shm" })
                {
                    File.Delete(path + suffix);
                }

                return Task.CompletedTask;
            }));
    }
}

[Collection("postgres")]
public sealed class PostgresPersistenceTests(PostgresApiFixture api) : PersistenceTests(api)
{
    [Fact]
    public async Task A_debit_waits_for_the_wallet_lock_and_then_reads_what_its_holder_committed()
    {
        var admin = api.Admin();
        var customer = await admin.CreateCustomerAsync();
        Assert.Equal(HttpStatusCode.Created, (await admin.AdjustAsync(customer, "credit", 1000)).Status);

        // Another session locks the wallet row and spends 900 of the 1000, as a debit of its own would.
        await using var holder = new Npgsql.NpgsqlConnection(api.ConnectionString);
        await holder.OpenAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var lockRow = new Npgsql.NpgsqlCommand("""
            WITH w AS (UPDATE wallets SET version = version + 1 WHERE customer_id = @c RETURNING id, version),
                 p AS (UPDATE wallet_pockets SET balance = balance - 900 FROM w WHERE wallet_pockets.wallet_id = w.id AND currency = 'EUR' RETURNING balance)
            INSERT INTO ledger_entries (id, amount, balance_after, created_at, created_by, currency, kind, reason, reference, sequence, wallet_id)
            SELECT 'txn_' || md5(random()::text), -900, p.balance, now(), 'test:holder', 'EUR', 'ManualDebit', 'holder', NULL, w.version, w.id FROM w, p
            """, holder, transaction))
        {
            lockRow.Parameters.AddWithValue("c", customer);
            await lockRow.ExecuteNonQueryAsync();
        }

        var retriesBefore = api.LogLines.Count(l => l.Contains("Concurrency conflict", StringComparison.Ordinal));
        var debit = admin.AdjustAsync(customer, "debit", 500);
        await Task.Delay(500);
        Assert.False(debit.IsCompleted, "the debit must wait for the wallet's row lock");

        await transaction.CommitAsync();
        var refused = await debit;

        // Read before the lock, it would have seen 1000; only the balance guard's conflict and a retry would then save it.
        Assert.Equal("insufficient_balance", refused.Code);
        Assert.Equal(retriesBefore, api.LogLines.Count(l => l.Contains("Concurrency conflict", StringComparison.Ordinal)));
    }

    protected override async Task<ScratchDatabase> NewDatabaseAsync()
    {
        var name = $"cp_scratch_{Guid.NewGuid():N}";
        await Postgres.CreateDatabaseAsync(name);
        var options = new DbContextOptionsBuilder<CleanPrepayDbContext>().UseNpgsql(Postgres.ConnectionStringFor(name)).Options;
        return new ScratchDatabase(() => new CleanPrepayDbContext(options), () => Postgres.DropDatabaseAsync(name));
    }
}
