using System.Net;
using System.Text.Json.Nodes;
using CleanPrepay.Application.Wallets.AutoTopUps;
using CleanPrepay.WebApi.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanPrepay.WebApi.IntegrationTests;

/// <summary>Auto top-up (docs/reference/contract.md, ADR 0039) through the real API on the sandbox's saved tokens.</summary>
public abstract class AutoTopUpTests(ApiFixture api)
{
    private readonly HttpClient _admin = api.Admin();
    private readonly Given _given = new(api);

    [Fact]
    public async Task An_auto_top_up_is_set_read_and_removed()
    {
        var (shopper, saved) = await SavedAsync("pm_card_visa");

        var put = await shopper.Client.SendJsonAsync(HttpMethod.Put, $"/v1/customers/{shopper.Id}/wallet/auto-top-up",
            new { enabled = true, threshold = Eur(500), amount = Eur(2000), savedMethodId = saved });
        var read = await shopper.Client.GetJsonAsync($"/v1/customers/{shopper.Id}/wallet/auto-top-up");
        var deleted = await shopper.Client.SendJsonAsync(HttpMethod.Delete, $"/v1/customers/{shopper.Id}/wallet/auto-top-up");
        var gone = await shopper.Client.GetJsonAsync($"/v1/customers/{shopper.Id}/wallet/auto-top-up");

        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.Equal(
            (true, 500L, "EUR", 2000L, saved, 5, 0),
            (put.Json["enabled"]!.GetValue<bool>(), put.Json.Amount("threshold"), S(put.Json["threshold"]!["currency"]), put.Json.Amount("amount"), S(put.Json["savedMethodId"]),
                put.Json["maxPerMonth"]!.GetValue<int>(), put.Json["failures"]!.GetValue<int>()));
        Assert.Null(put.Json["lastTopUpAt"]);
        Assert.Equal(put.Json.Compact(), read.Json.Compact());
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NotFound), (deleted.Status, gone.Status));
    }

    [Theory]
    [InlineData("""{"threshold":{"amount":500,"currency":"EUR"},"amount":{"amount":1000,"currency":"EUR"},"packageId":"pkg_x","savedMethodId":"spm_x"}""", "packageId")]
    [InlineData("""{"threshold":{"amount":500,"currency":"EUR"},"amount":{"amount":1000,"currency":"SEK"},"savedMethodId":"spm_x"}""", "amount.currency")]
    [InlineData("""{"threshold":{"amount":-1,"currency":"EUR"},"amount":{"amount":1000,"currency":"EUR"},"savedMethodId":"spm_x"}""", "threshold.amount")]
    [InlineData("""{"threshold":{"amount":500,"currency":"EUR"},"amount":{"amount":1000,"currency":"EUR"}}""", "savedMethodId")]
    [InlineData("""{"threshold":{"amount":500,"currency":"EUR"},"amount":{"amount":1000,"currency":"EUR"},"savedMethodId":"spm_x","maxPerMonth":0}""", "maxPerMonth")]
    public async Task A_bad_auto_top_up_is_a_400_naming_the_field_and_stores_nothing(string body, string field)
    {
        var shopper = await _given.CustomerAsync();

        var answer = await shopper.Client.SendJsonAsync(HttpMethod.Put, $"/v1/customers/{shopper.Id}/wallet/auto-top-up", body);

        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), (answer.Status, S(answer.Json["code"])));
        Assert.Contains(answer.Json["errors"]!.AsObject(), e => e.Key.Equals(field, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(0, await api.WithDbAsync(db => db.AutoTopUps.CountAsync(a => a.CustomerId == shopper.Id)));
    }

    [Fact]
    public async Task Another_customers_saved_method_is_refused()
    {
        var (_, theirs) = await SavedAsync("pm_card_visa");
        var shopper = await _given.CustomerAsync();

        var answer = await shopper.Client.SendJsonAsync(HttpMethod.Put, $"/v1/customers/{shopper.Id}/wallet/auto-top-up",
            new { threshold = Eur(500), amount = Eur(2000), savedMethodId = theirs });

        Assert.Equal((HttpStatusCode.UnprocessableEntity, "saved_method_unusable"), (answer.Status, S(answer.Json["code"])));
        Assert.Equal(0, await api.WithDbAsync(db => db.AutoTopUps.CountAsync(a => a.CustomerId == shopper.Id)));
    }

    [Fact]
    public async Task Forty_concurrent_debits_crossing_the_threshold_on_two_instances_make_exactly_one_top_up()
    {
        var (shopper, saved) = await SavedAsync("pm_card_visa", eur: 1000);
        await PutAsync(shopper, new { threshold = Eur(800), amount = Eur(1000), savedMethodId = saved });
        await using var second = new SiblingApiFixture(api);
        await second.InitializeAsync();
        var secondAdmin = second.Admin();

        using var done = new CancellationTokenSource();
        var passes = new[] { api, second }.Select(instance => Task.Run(async () =>
        {
            var started = 0;
            while (!done.IsCancellationRequested)
            {
                started += await PassAsync(instance);
            }

            return started;
        })).ToArray();
        var debits = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            (i % 2 == 0 ? _admin : secondAdmin).AdjustAsync(shopper.Id, "debit", 10, key: Guid.NewGuid().ToString())));
        await PassAsync(api);
        await PassAsync(second);
        done.Cancel();
        await Task.WhenAll(passes);
        await PassAsync(api);

        // Other tests' auto top-ups share the database: count this customer's.
        Assert.All(debits, d => Assert.Equal(HttpStatusCode.Created, d.Status));
        Assert.Equal(1, await api.WithDbAsync(db => db.TopUps.CountAsync(t => t.CustomerId == shopper.Id)));
        Assert.Equal(1000 - 400 + 1000, await _admin.BalanceAsync(shopper.Id, "EUR"));
        var ledger = await _admin.TransactionsAsync(shopper.Id);
        var topUp = Assert.Single(ledger, t => S(t["kind"]) == "top_up");
        Assert.Equal(("auto_top_up", 1000L), (S(topUp["reason"]), topUp.Amount("amount")));
        Assert.Equal(await _admin.BalanceAsync(shopper.Id, "EUR"), ledger.Sum(t => t.Amount("amount")));
        var after = (await shopper.Client.GetJsonAsync($"/v1/customers/{shopper.Id}/wallet/auto-top-up")).Json;
        Assert.NotNull(after["lastTopUpAt"]);
        var payment = await api.WithDbAsync(db => db.Payments.AsNoTracking().SingleAsync(p => p.CustomerId == shopper.Id && p.Purpose == Domain.Payments.PaymentPurpose.AutoTopUp));
        Assert.Equal((saved, true), (payment.SavedMethodId, payment.OffSession));
    }

    [Fact]
    public async Task No_more_than_max_per_month_top_ups_start_in_a_calendar_month()
    {
        var (shopper, saved) = await SavedAsync("pm_card_visa");
        await PutAsync(shopper, new { threshold = Eur(1_000_000), amount = Eur(100), savedMethodId = saved, maxPerMonth = 2 });

        for (var i = 0; i < 5; i++)
        {
            await PassAsync(api);
        }

        Assert.Equal(2, await api.WithDbAsync(db => db.TopUps.CountAsync(t => t.CustomerId == shopper.Id)));

        Assert.Equal(200, await _admin.BalanceAsync(shopper.Id, "EUR"));
        Assert.Equal(2, (await shopper.Client.GetJsonAsync($"/v1/customers/{shopper.Id}/wallet/auto-top-up")).Json["startedThisMonth"]!.GetValue<int>());
    }

    [Fact]
    public async Task Removing_and_re_creating_it_while_a_top_up_is_in_flight_starts_no_second_one_and_keeps_the_months_count()
    {
        var (shopper, saved) = await SavedAsync("pm_sepa_debit"); // a debit stays pending for 5 s of the sandbox's clock
        var terms = new { threshold = Eur(500), amount = Eur(1000), savedMethodId = saved, maxPerMonth = 1 };
        await PutAsync(shopper, terms);
        await PassAsync(api); // other tests' pockets share the database: count this customer's top-ups, not the pass's
        Assert.Equal(1, await TopUpsOfAsync(shopper.Id));

        Assert.Equal(HttpStatusCode.NoContent, (await shopper.Client.SendJsonAsync(HttpMethod.Delete, $"/v1/customers/{shopper.Id}/wallet/auto-top-up")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await shopper.Client.GetJsonAsync($"/v1/customers/{shopper.Id}/wallet/auto-top-up")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await shopper.Client.SendJsonAsync(HttpMethod.Delete, $"/v1/customers/{shopper.Id}/wallet/auto-top-up")).Status);
        await PutAsync(shopper, terms);
        var again = (await shopper.Client.GetJsonAsync($"/v1/customers/{shopper.Id}/wallet/auto-top-up")).Json;
        await PassAsync(api);

        Assert.NotNull(again["inFlightTopUpId"]);
        Assert.Equal(1, await TopUpsOfAsync(shopper.Id));
        api.Clock.Advance(TimeSpan.FromMinutes(10));
        await using (var scope = api.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Application.Payments.Reconciliation.IPaymentReconciliation>().RunOnceAsync(CancellationToken.None);
        }

        Assert.Equal(1000, await _admin.BalanceAsync(shopper.Id, "EUR"));
        Assert.Equal(HttpStatusCode.Created, (await _admin.PostJsonAsync($"/v1/customers/{shopper.Id}/wallet/adjustments", new { direction = "debit", amount = Eur(900), reason = "support" })).Status);
        await shopper.Client.SendJsonAsync(HttpMethod.Delete, $"/v1/customers/{shopper.Id}/wallet/auto-top-up");
        await PutAsync(shopper, terms);
        await PassAsync(api);
        Assert.Equal(1, await TopUpsOfAsync(shopper.Id)); // this month's one has started already
        Assert.Equal(1, (await shopper.Client.GetJsonAsync($"/v1/customers/{shopper.Id}/wallet/auto-top-up")).Json["startedThisMonth"]!.GetValue<int>());
    }

    [Fact]
    public async Task Three_failures_in_a_row_turn_it_off_and_notify_the_customer()
    {
        var email = $"{Guid.NewGuid():N}@mail.test";
        var shopper = await _given.CustomerAsync(email: email);
        var saved = S((await SaveAsync(shopper, "pm_card_chargeDeclinedLater")).Json["id"]);
        await PutAsync(shopper, new { threshold = Eur(500), amount = Eur(1000), savedMethodId = saved });

        await PassAsync(api);
        await PassAsync(api); // a declined card is not retried at once
        Assert.Equal(1, await api.WithDbAsync(db => db.TopUps.CountAsync(t => t.CustomerId == shopper.Id)));
        for (var i = 0; i < 3; i++)
        {
            api.Clock.Advance(TimeSpan.FromHours(1));
            await PassAsync(api);
        }

        var state = (await shopper.Client.GetJsonAsync($"/v1/customers/{shopper.Id}/wallet/auto-top-up")).Json;
        Assert.Equal((false, 3), (state["enabled"]!.GetValue<bool>(), state["failures"]!.GetValue<int>()));
        Assert.Equal(0, await _admin.BalanceAsync(shopper.Id, "EUR"));
        Assert.Equal(3, await api.WithDbAsync(db => db.Payments.CountAsync(p => p.CustomerId == shopper.Id && p.Status == Domain.Payments.PaymentStatus.Failed)));
        var mail = Assert.Single(await api.Smtp.WaitForAsync(email, 1));
        Assert.Equal("Automatic top-up is turned off", mail.Subject);

        // Turned on again, it counts afresh.
        await PutAsync(shopper, new { threshold = Eur(500), amount = Eur(1000), savedMethodId = saved });
        Assert.Equal(0, (await shopper.Client.GetJsonAsync($"/v1/customers/{shopper.Id}/wallet/auto-top-up")).Json["failures"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_revoked_saved_method_counts_as_a_failure_and_charges_nothing()
    {
        var (shopper, saved) = await SavedAsync("pm_card_visa");
        await PutAsync(shopper, new { threshold = Eur(500), amount = Eur(1000), savedMethodId = saved });
        await shopper.Client.SendJsonAsync(HttpMethod.Delete, $"/v1/customers/{shopper.Id}/payment-methods/{saved}");

        await PassAsync(api);

        Assert.Equal(1, (await shopper.Client.GetJsonAsync($"/v1/customers/{shopper.Id}/wallet/auto-top-up")).Json["failures"]!.GetValue<int>());
        Assert.Equal(0, await api.WithDbAsync(db => db.Payments.CountAsync(p => p.CustomerId == shopper.Id)));
    }

    [Fact]
    public async Task With_the_worker_on_a_debit_below_the_threshold_is_topped_up_within_seconds()
    {
        await using var worker = new SiblingApiFixture(api);
        worker.Settings["AutoTopUp:WorkerEnabled"] = "true";
        worker.Settings["AutoTopUp:PollInterval"] = "00:01:00"; // only the debit's signal can wake it in time
        await worker.InitializeAsync();
        _ = worker.Services; // start the host and its worker
        var (shopper, saved) = await SavedAsync("pm_card_visa", eur: 1000);
        var client = worker.Customer(shopper.Id);
        await client.SendJsonAsync(HttpMethod.Put, $"/v1/customers/{shopper.Id}/wallet/auto-top-up", new { threshold = Eur(800), amount = Eur(500), savedMethodId = saved });
        await Task.Delay(500);

        Assert.Equal(HttpStatusCode.Created, (await worker.Admin().AdjustAsync(shopper.Id, "debit", 300, key: Guid.NewGuid().ToString())).Status);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await _admin.BalanceAsync(shopper.Id, "EUR") != 1200 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(1200, await _admin.BalanceAsync(shopper.Id, "EUR"));
    }

    private Task<int> TopUpsOfAsync(string customerId) => api.WithDbAsync(db => db.TopUps.CountAsync(t => t.CustomerId == customerId));

    private static async Task<int> PassAsync(ApiFixture instance)
    {
        await using var scope = instance.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IAutoTopUps>().RunOnceAsync(CancellationToken.None);
    }

    private async Task<(Shopper Shopper, string Saved)> SavedAsync(string token, long eur = 0)
    {
        var shopper = await _given.CustomerAsync(eur: eur);
        var saved = await SaveAsync(shopper, token);
        Assert.Equal(HttpStatusCode.Created, saved.Status);
        return (shopper, S(saved.Json["id"]));
    }

    private static Task<ApiResponse> SaveAsync(Shopper shopper, string token) =>
        shopper.Client.PostJsonAsync($"/v1/customers/{shopper.Id}/payment-methods", new { gateway = "sandbox", paymentMethod = token }, Guid.NewGuid().ToString());

    private static async Task PutAsync(Shopper shopper, object body)
    {
        var put = await shopper.Client.SendJsonAsync(HttpMethod.Put, $"/v1/customers/{shopper.Id}/wallet/auto-top-up", body);
        Assert.True(put.Status == HttpStatusCode.OK, put.Body?.ToJsonString());
    }

    private static object Eur(long amount) => new { amount, currency = "EUR" };

    private static string S(JsonNode? node) => node!.GetValue<string>();
}

[Collection("sqlite")]
public sealed class SqliteAutoTopUpTests(SqliteApiFixture api) : AutoTopUpTests(api);

[Collection("postgres")]
public sealed class PostgresAutoTopUpTests(PostgresApiFixture api) : AutoTopUpTests(api);
