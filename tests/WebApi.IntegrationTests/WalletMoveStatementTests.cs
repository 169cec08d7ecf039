using System.Net;
using System.Text.Json;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Wallets;
using CleanPrepay.Domain.Monetary;
using CleanPrepay.Domain.Wallets;
using CleanPrepay.Domain.Wallets.Events;
using CleanPrepay.Infrastructure.Persistence.Outbox;
using CleanPrepay.WebApi.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanPrepay.WebApi.IntegrationTests;

/// <summary>
/// The one-statement wallet move (ADR 0036) against a real PostgreSQL: it must say yes and no exactly
/// where <see cref="Wallet.Apply"/> does, append what the aggregate would, and leave nothing behind when
/// it fails.
/// </summary>
[Collection("postgres")]
public sealed class WalletMoveStatementTests(PostgresApiFixture api)
{
    private const long Max = Money.MaxAbsoluteMinorUnits;
    private static readonly DateTimeOffset At = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    private readonly Given _given = new(api);

    public static TheoryData<long, string, long, long> MoneyEdges => new()
    {
        { 1000, "debit", 1000, 0 },      // down to exactly zero
        { 1000, "debit", 1001, 0 },      // one cent short
        { 1000, "debit", 1500, 500 },    // down to exactly the negative limit
        { 1000, "debit", 1501, 500 },    // one cent past it
        { -200, "debit", 300, 500 },
        { -200, "debit", 301, 500 },
        { -600, "debit", 1, 500 },       // overdrawn by a reversal: nothing more until back within the limit
        { Max - 5, "credit", 5, 0 },     // up to exactly 10^15
        { Max - 5, "credit", 6, 0 },     // one past it
        { -Max + 1, "credit", Max, 0 },
    };

    public static TheoryData<long, string, long, long> CreditEdges => new()
    {
        { 10, "debit", 10, 0 },
        { 10, "debit", 11, 0 },
        { 10, "debit", 13, 3 },
        { 10, "debit", 14, 3 },
        { 0, "debit", 1, 0 },
        { Max - 1, "credit", 1, 0 },
        { Max - 1, "credit", 2, 0 },
    };

    [Theory]
    [MemberData(nameof(MoneyEdges))]
    public async Task The_statement_and_the_aggregate_agree_on_a_money_pocket(long before, string direction, long amount, long limit)
    {
        var customer = await CustomerWithBalanceAsync(before, credits: false);
        var eur = Currency.EUR;
        var move = direction == "debit"
            ? WalletMove.Debit(new Money(amount, eur), new Money(limit, eur), LedgerEntryKind.ManualDebit, null, "edge", "test", At).Value
            : WalletMove.Credit(new Money(amount, eur), LedgerEntryKind.ManualCredit, null, "edge", "test", At).Value;

        await AssertAgreesWithAggregateAsync(customer, move);
    }

    [Theory]
    [MemberData(nameof(CreditEdges))]
    public async Task The_statement_and_the_aggregate_agree_on_the_credits_pocket(long before, string direction, long credits, long limit)
    {
        var customer = await CustomerWithBalanceAsync(before, credits: true);
        var move = direction == "debit"
            ? WalletMove.DebitCredits(credits, limit, LedgerEntryKind.ManualDebit, null, "edge", "test", At).Value
            : WalletMove.CreditCredits(credits, LedgerEntryKind.ManualCredit, null, "edge", "test", At).Value;

        await AssertAgreesWithAggregateAsync(customer, move);
    }

    [Fact]
    public async Task A_wallet_without_the_pocket_or_no_wallet_at_all_is_left_to_the_aggregate()
    {
        var customer = (await _given.CustomerAsync()).Id;
        var sek = WalletMove.Credit(new Money(100, Currency.SEK), LedgerEntryKind.ManualCredit, null, null, "test", At).Value;

        Assert.Null(await CommitAsync(customer, sek));
        Assert.Null(await CommitAsync("cus_nobody", sek));
        Assert.Empty(await api.Admin().LedgerAsync(customer));

        // Through the API the aggregate then opens the pocket.
        Assert.Equal(HttpStatusCode.Created, (await api.Admin().AdjustAsync(customer, "credit", 100, "SEK")).Status);
        Assert.Equal(100, await api.Admin().BalanceAsync(customer, "SEK"));
    }

    [Fact]
    public async Task A_statement_that_fails_half_way_changes_nothing()
    {
        var customer = (await _given.CustomerAsync(eur: 1000)).Id;
        var move = WalletMove.Debit(new Money(100, Currency.EUR), new Money(0, Currency.EUR), LedgerEntryKind.ManualDebit, null, "once", "test", At).Value;
        Assert.NotNull(await CommitAsync(customer, move));
        var before = await PocketAsync(customer);

        // The same entry id again: the pocket and wallet updates run, then the ledger append fails on its primary key.
        await Assert.ThrowsAnyAsync<Exception>(() => CommitAsync(customer, move));

        Assert.Equal((900, before.Version), await PocketAsync(customer));
        var ledger = await api.Admin().LedgerAsync(customer);
        Assert.Equal(2, ledger.Count);
        Assert.Equal(900, ledger.Sum(e => e.Amount!.Amount));
    }

    [Fact]
    public async Task A_debit_in_one_statement_writes_the_event_the_unit_of_work_would()
    {
        var customer = (await _given.CustomerAsync(eur: 1000)).Id;
        var walletId = (await api.Admin().GetJsonAsync($"/v1/customers/{customer}/wallet")).As<WalletDto>().Id;

        var debit = await api.Admin().AdjustAsync(customer, "debit", 250, key: $"k-{Guid.NewGuid():N}");
        var entry = debit.As<WalletTransactionDto>();

        var message = await api.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .SingleAsync(m => m.Payload.Contains(entry.Id)));
        var added = JsonSerializer.Deserialize<WalletLedgerEntryAdded>(message.Payload, JsonSerializerOptions.Web)!;
        Assert.Equal(nameof(WalletLedgerEntryAdded), message.Type);
        Assert.Equal(new WalletLedgerEntryAdded(walletId, customer, entry.Id, LedgerEntryKind.ManualDebit, "EUR", -250, 750, added.OccurredAt, added.Sequence), added);
        var sequence = await api.WithDbAsync(db => db.LedgerEntries.Where(e => e.Id == entry.Id).Select(e => e.Sequence).SingleAsync());
        Assert.Equal(sequence, added.Sequence); // the statement fills in the wallet's sequence, as the aggregate does
        Assert.Equal(entry.CreatedAt, added.OccurredAt, TimeSpan.FromMicroseconds(1)); // the API writes times to the microsecond
        Assert.Equal(750, entry.BalanceAfter.Amount);
    }

    [Fact]
    public async Task A_retried_debit_in_one_statement_is_replayed_not_repeated()
    {
        var customer = (await _given.CustomerAsync(eur: 1000)).Id;
        var key = $"k-{Guid.NewGuid():N}";

        var first = await api.Admin().AdjustAsync(customer, "debit", 300, key: key);
        var again = await api.Admin().AdjustAsync(customer, "debit", 300, key: key);

        Assert.Equal(HttpStatusCode.Created, again.Status);
        Assert.Equal(first.As<WalletTransactionDto>().Id, again.As<WalletTransactionDto>().Id);
        Assert.Equal(700, await api.Admin().BalanceAsync(customer, "EUR"));
        var committed = await api.WithDbAsync(db => db.Database
            .SqlQuery<bool>($"SELECT committed AS \"Value\" FROM idempotency_records WHERE key = {key}").SingleAsync());
        Assert.True(committed);
    }

    private async Task AssertAgreesWithAggregateAsync(string customer, WalletMove move)
    {
        var wallet = await api.WithDbAsync(db => db.Wallets.Include(w => w.Pockets).AsNoTracking().SingleAsync(w => w.CustomerId == customer));
        var balanceBefore = move.IsCredits ? wallet.Credits : wallet.BalanceOf(Currency.EUR).MinorUnits;
        var expected = wallet.Apply(move); // in memory only
        var (_, versionBefore) = await PocketAsync(customer);

        var committed = await CommitAsync(customer, move);

        var (balanceAfter, versionAfter) = await PocketAsync(customer, move.IsCredits);
        if (expected.IsSuccess)
        {
            Assert.NotNull(committed);
            Assert.Equal(expected.Value.BalanceAfter, committed.BalanceAfter);
            Assert.Equal(expected.Value.Sequence, committed.Sequence);
            Assert.Equal(move.EntryId, committed.Id);
            Assert.Equal((expected.Value.BalanceAfter, versionBefore + 1), (balanceAfter, versionAfter));
        }
        else
        {
            Assert.Null(committed);
            Assert.Equal((balanceBefore, versionBefore), (balanceAfter, versionAfter));
        }

        var ledger = await api.Admin().LedgerAsync(customer);
        Assert.Equal(balanceAfter, ledger.Where(e => (e.Credits is not null) == move.IsCredits).Sum(e => e.Amount?.Amount ?? e.Credits!.Value));
    }

    /// <summary>A customer whose EUR pocket (or credits) holds <paramref name="balance"/>, set by moves with a wide limit.</summary>
    private async Task<string> CustomerWithBalanceAsync(long balance, bool credits)
    {
        var customer = (await _given.CustomerAsync(eur: credits ? 0 : 1)).Id;
        var start = credits ? 0 : 1;
        if (balance != start)
        {
            var delta = balance - start;
            var move = (credits, delta > 0) switch
            {
                (false, true) => WalletMove.Credit(new Money(delta, Currency.EUR), LedgerEntryKind.ManualCredit, null, "setup", "test", At),
                (false, false) => WalletMove.Debit(new Money(-delta, Currency.EUR), new Money(Max, Currency.EUR), LedgerEntryKind.ManualDebit, null, "setup", "test", At),
                (true, true) => WalletMove.CreditCredits(delta, LedgerEntryKind.ManualCredit, null, "setup", "test", At),
                (true, false) => WalletMove.DebitCredits(-delta, Max, LedgerEntryKind.ManualDebit, null, "setup", "test", At),
            };
            Assert.NotNull(await CommitAsync(customer, move.Value));
        }

        return customer;
    }

    private async Task<LedgerEntry?> CommitAsync(string customer, WalletMove move)
    {
        await using var scope = api.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IWalletMoveStatement>().TryCommitAsync(customer, move, CancellationToken.None);
    }

    private Task<(long Balance, long Version)> PocketAsync(string customer, bool credits = false) => api.WithDbAsync(async db =>
    {
        var wallet = await db.Wallets.Include(w => w.Pockets).AsNoTracking().SingleAsync(w => w.CustomerId == customer);
        return (credits ? wallet.Credits : wallet.BalanceOf(Currency.EUR).MinorUnits, wallet.Version);
    });
}
