using System.Net;
using CleanPrepay.Application.Payments;
using CleanPrepay.Application.Wallets;
using CleanPrepay.Application.Wallets.TopUpWallet;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Wallets;
using CleanPrepay.WebApi.IntegrationTests.Support;

namespace CleanPrepay.WebApi.IntegrationTests;

public abstract class WalletTests(ApiFixture api)
{
    private readonly HttpClient _admin = api.Admin();
    private readonly Given _given = new(api);

    [Fact]
    public async Task Top_up_by_amount_credits_exactly_what_was_paid()
    {
        var customer = await _admin.CreateCustomerAsync();

        var topUp = await _admin.TopUpAsync(customer, 1666, "EUR", "pm_card_visa");

        Assert.Equal(HttpStatusCode.Created, topUp.Status);
        var t = topUp.As<TopUpDto>();
        Assert.Equal(PaymentStatus.Succeeded, t.Status);
        Assert.Equal(new(1666, "EUR"), t.Credited.Amount);
        Assert.Equal(PaymentStatus.Succeeded, t.Payment.Status);
        Assert.Equal(1666, await _admin.BalanceAsync(customer, "EUR"));
        var entry = Assert.Single(await _admin.LedgerAsync(customer));
        Assert.Equal((LedgerEntryKind.TopUp, 1666L, 1666L, t.Id), (entry.Kind, entry.Amount!.Amount, entry.BalanceAfter.Amount, entry.Reference));
    }

    [Fact]
    public async Task Top_up_by_package_credits_the_package_grant_not_its_price()
    {
        var credits = await _admin.PostJsonAsync("/v1/prepayment-packages", new { name = "10 credits", price = new { amount = 999, currency = "EUR" }, grants = new { credits = 10 } });
        var cash = await _admin.PostJsonAsync("/v1/prepayment-packages", new { name = "Pay 20 get 22", price = new { amount = 2000, currency = "SEK" }, grants = new { amount = new { amount = 2200, currency = "SEK" } } });
        Assert.Equal(HttpStatusCode.Created, credits.Status);
        Assert.Equal(HttpStatusCode.Created, cash.Status);
        var customer = await _admin.CreateCustomerAsync();
        var client = api.Customer(customer);

        var first = await client.PostJsonAsync($"/v1/customers/{customer}/wallet/top-ups", new { packageId = credits.Json["id"]!.GetValue<string>(), payment = new { gateway = "sandbox", paymentMethod = "pm_card_visa" } });
        var second = await client.PostJsonAsync($"/v1/customers/{customer}/wallet/top-ups", new { packageId = cash.Json["id"]!.GetValue<string>(), payment = new { paymentMethod = "pm_card_visa" } });

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(10, first.As<TopUpDto>().Credited.Credits);
        Assert.Equal(999, first.As<TopUpDto>().Price.Amount);
        Assert.Equal(HttpStatusCode.Created, second.Status);
        Assert.Equal(2200, second.As<TopUpDto>().Credited.Amount!.Amount);
        Assert.Equal(10, await client.CreditsAsync(customer));
        Assert.Equal(2200, await client.BalanceAsync(customer, "SEK"));
        Assert.Equal(0, await client.BalanceAsync(customer, "EUR"));
    }

    [Fact]
    public async Task A_declined_card_changes_nothing_in_the_wallet()
    {
        var customer = await _admin.CreateCustomerAsync();

        var topUp = await _admin.TopUpAsync(customer, 5000, "EUR", "pm_card_chargeDeclined");

        Assert.Equal(HttpStatusCode.Created, topUp.Status);
        var t = topUp.As<TopUpDto>();
        Assert.Equal(PaymentStatus.Failed, t.Status);
        Assert.Equal("card_declined", t.Payment.FailureCode);
        Assert.Null(t.Credited.Amount);
        Assert.Equal(0, await _admin.BalanceAsync(customer, "EUR"));
        Assert.Empty(await _admin.TransactionsAsync(customer));
        var payment = await _admin.GetJsonAsync($"/v1/payments/{t.Payment.Id}");
        Assert.Equal(PaymentStatus.Failed, payment.As<PaymentDto>().Status);
    }

    [Fact]
    public async Task Three_d_secure_credits_once_and_only_after_confirm_however_often_it_is_called()
    {
        var customer = await _admin.CreateCustomerAsync();
        var client = api.Customer(customer);

        var topUp = await client.TopUpAsync(customer, 2500, "EUR", "pm_card_threeDSecureRequired");

        Assert.Equal(HttpStatusCode.Created, topUp.Status);
        var t = topUp.As<TopUpDto>();
        Assert.Equal(PaymentStatus.RequiresAction, t.Status);
        Assert.Equal("redirect", t.Payment.NextAction!.Type);
        Assert.StartsWith("https://", t.Payment.NextAction.Url, StringComparison.Ordinal);
        Assert.Equal(0, await client.BalanceAsync(customer, "EUR"));

        var paymentId = t.Payment.Id;
        var confirms = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.PostJsonAsync($"/v1/payments/{paymentId}/confirm", null)));
        var again = await client.PostJsonAsync($"/v1/payments/{paymentId}/confirm", null);

        Assert.All(confirms.Append(again), c =>
        {
            Assert.Equal(HttpStatusCode.OK, c.Status);
            Assert.Equal(PaymentStatus.Succeeded, c.As<PaymentDto>().Status);
        });
        Assert.Equal(2500, await client.BalanceAsync(customer, "EUR"));
        Assert.Single(await client.TransactionsAsync(customer));
        var topUpNow = (await client.GetJsonAsync($"/v1/customers/{customer}/wallet/top-ups/{t.Id}")).As<TopUpDto>();
        Assert.Equal((PaymentStatus.Succeeded, 2500L), (topUpNow.Status, topUpNow.Credited.Amount!.Amount));
    }

    [Fact]
    public async Task Adjustments_honour_the_negative_limit_per_currency_and_for_credits_separately()
    {
        await SetLimitsAsync(eurLimit: 1000, creditsLimit: 2);
        var customer = await _admin.CreateCustomerAsync();

        Assert.Equal(HttpStatusCode.Created, (await _admin.AdjustAsync(customer, "credit", 500)).Status);
        var toLimit = await _admin.AdjustAsync(customer, "debit", 1500);
        Assert.Equal(HttpStatusCode.Created, toLimit.Status);
        var debit = toLimit.As<WalletTransactionDto>();
        Assert.Equal((-1000L, -1500L), (debit.BalanceAfter.Amount, debit.Amount!.Amount));
        Assert.Equal((LedgerEntryKind.ManualDebit, "admin:ops@platform.test"), (debit.Kind, debit.CreatedBy));

        var pastLimit = await _admin.AdjustAsync(customer, "debit", 1);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, pastLimit.Status);
        Assert.Equal("insufficient_balance", pastLimit.Code);
        Assert.Equal("application/problem+json", pastLimit.ContentType);
        Assert.Equal(-1000, await _admin.BalanceAsync(customer, "EUR"));

        // SEK has no limit: its pocket cannot go below zero, whatever EUR may do.
        var sek = await _admin.AdjustAsync(customer, "debit", 1, "SEK");
        Assert.Equal("insufficient_balance", sek.Code);

        // Credits are their own pocket with their own limit.
        Assert.Equal(HttpStatusCode.Created, (await _admin.AdjustAsync(customer, "credit", credits: 3)).Status);
        Assert.Equal(HttpStatusCode.Created, (await _admin.AdjustAsync(customer, "debit", credits: 5)).Status);
        Assert.Equal("insufficient_balance", (await _admin.AdjustAsync(customer, "debit", credits: 1)).Code);
        Assert.Equal(-2, await _admin.CreditsAsync(customer));
        Assert.Equal(-1000, await _admin.BalanceAsync(customer, "EUR"));
        Assert.Equal(0, await _admin.BalanceAsync(customer, "SEK"));

        await AssertLedgerMatchesBalancesAsync(customer);
        await SetLimitsAsync(eurLimit: 0, creditsLimit: 0);
    }

    [Fact]
    public async Task Fifty_concurrent_debits_on_twenty_euros_let_exactly_twenty_through()
    {
        var customer = await _admin.CreateCustomerAsync();
        Assert.Equal(HttpStatusCode.Created, (await _admin.AdjustAsync(customer, "credit", 2000)).Status);

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => api.Admin().AdjustAsync(customer, "debit", 100)));

        Assert.Equal(20, results.Count(r => r.Status == HttpStatusCode.Created));
        Assert.Equal(30, results.Count(r => r.Status == HttpStatusCode.UnprocessableEntity && r.Code == "insufficient_balance"));
        Assert.Equal(0, await _admin.BalanceAsync(customer, "EUR"));
        var ledger = await _admin.LedgerAsync(customer);
        Assert.Equal(21, ledger.Count);
        Assert.Equal(0, ledger.Sum(e => e.Amount!.Amount));
        // Every step of the history is there once: balances after each entry are 2000, 1900, …, 0.
        Assert.Equal(
            Enumerable.Range(0, 21).Select(i => 2000L - (100L * i)).ToArray(),
            ledger.Select(e => e.BalanceAfter.Amount!.Value).Reverse().ToArray());
    }

    [Fact]
    public async Task Transactions_page_newest_first_with_a_cursor()
    {
        var customer = await _admin.CreateCustomerAsync();
        for (var i = 1; i <= 5; i++)
        {
            await _admin.AdjustAsync(customer, "credit", i);
        }

        var first = await _admin.GetJsonAsync($"/v1/customers/{customer}/wallet/transactions?limit=2");
        var cursor = first.As<Page<WalletTransactionDto>>().NextCursor!;
        var second = await _admin.GetJsonAsync($"/v1/customers/{customer}/wallet/transactions?limit=2&cursor={cursor}");
        var third = await _admin.GetJsonAsync($"/v1/customers/{customer}/wallet/transactions?limit=2&cursor={second.As<Page<WalletTransactionDto>>().NextCursor}");

        long[] Amounts(ApiResponse r) => r.Items<WalletTransactionDto>().Select(e => e.Amount!.Amount).ToArray();
        Assert.Equal([5, 4], Amounts(first));
        Assert.Equal([3, 2], Amounts(second));
        Assert.Equal([1], Amounts(third));
        Assert.Null(third.As<Page<WalletTransactionDto>>().NextCursor);
    }

    [Fact]
    public async Task A_customer_cannot_see_or_move_another_customers_wallet_nor_call_admin_routes()
    {
        var (alice, asAlice) = await _given.CustomerAsync(eur: 1000);
        var (bob, asBob) = await _given.CustomerAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await asBob.GetJsonAsync($"/v1/customers/{alice}/wallet")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await asBob.GetJsonAsync($"/v1/customers/{alice}/wallet/transactions")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await asBob.GetJsonAsync($"/v1/customers/{alice}")).Status);
        var steal = await asBob.TopUpAsync(alice, 100, "EUR", "pm_card_visa");
        Assert.Equal(HttpStatusCode.NotFound, steal.Status);
        Assert.Equal("not_found", steal.Code);

        var adjust = await asBob.AdjustAsync(bob, "credit", 100000);
        Assert.Equal(HttpStatusCode.Forbidden, adjust.Status);
        Assert.Equal("forbidden", adjust.Code);
        Assert.Equal(HttpStatusCode.Forbidden, (await asBob.GetJsonAsync("/v1/settings")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await asBob.GetJsonAsync("/v1/customers")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await asBob.GetJsonAsync("/v1/prepayment-packages")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await asBob.SendJsonAsync(HttpMethod.Patch, $"/v1/customers/{bob}", new { status = "inactive" })).Status);

        // Bob's payment is Bob's: Alice's token cannot read or confirm it.
        var bobTopUp = await asBob.TopUpAsync(bob, 100, "EUR", "pm_card_threeDSecureRequired");
        var bobPayment = bobTopUp.As<TopUpDto>().Payment.Id;
        Assert.Equal(HttpStatusCode.NotFound, (await asAlice.GetJsonAsync($"/v1/payments/{bobPayment}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await asAlice.PostJsonAsync($"/v1/payments/{bobPayment}/confirm", null)).Status);

        Assert.Equal(1000, await _admin.BalanceAsync(alice, "EUR"));
        Assert.Equal(0, await _admin.BalanceAsync(bob, "EUR"));
        Assert.Equal(HttpStatusCode.OK, (await asBob.GetJsonAsync($"/v1/customers/{bob}/wallet")).Status);
    }

    [Fact]
    public async Task The_balance_always_equals_the_sum_of_the_ledger()
    {
        var customer = await _admin.CreateCustomerAsync();
        await _admin.TopUpAsync(customer, 12345, "EUR", "pm_card_visa");
        await _admin.AdjustAsync(customer, "debit", 345);
        await _admin.AdjustAsync(customer, "credit", 1, "JPY");
        await _admin.AdjustAsync(customer, "credit", 1500, "BHD");
        await _admin.AdjustAsync(customer, "credit", credits: 12);
        await _admin.AdjustAsync(customer, "debit", credits: 2);

        Assert.Equal(12000, await _admin.BalanceAsync(customer, "EUR"));
        Assert.Equal(1, await _admin.BalanceAsync(customer, "JPY"));
        Assert.Equal(1500, await _admin.BalanceAsync(customer, "BHD"));
        Assert.Equal(10, await _admin.CreditsAsync(customer));
        await AssertLedgerMatchesBalancesAsync(customer);
    }

    private async Task SetLimitsAsync(long eurLimit, long creditsLimit)
    {
        var put = await _admin.SendJsonAsync(HttpMethod.Put, "/v1/settings", new
        {
            negativeBalanceLimits = new[] { new { amount = eurLimit, currency = "EUR" } },
            negativeCreditsLimit = creditsLimit,
        });
        Assert.Equal(HttpStatusCode.OK, put.Status);
    }

    private async Task AssertLedgerMatchesBalancesAsync(string customer)
    {
        var ledger = await _admin.LedgerAsync(customer);
        var wallet = (await _admin.GetJsonAsync($"/v1/customers/{customer}/wallet")).As<WalletDto>();
        foreach (var balance in wallet.Balances)
        {
            Assert.Equal(balance.Amount, ledger.Where(e => e.Amount?.Currency == balance.Currency).Sum(e => e.Amount!.Amount));
        }

        Assert.Equal(wallet.Credits, ledger.Sum(e => e.Credits ?? 0));
    }
}

[Collection("sqlite")]
public sealed class SqliteWalletTests(SqliteApiFixture api) : WalletTests(api);

[Collection("postgres")]
public sealed class PostgresWalletTests(PostgresApiFixture api) : WalletTests(api);
