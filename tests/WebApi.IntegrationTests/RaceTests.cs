using System.Net;
using CleanPrepay.Application.Orders;
using CleanPrepay.Application.Subscriptions;
using CleanPrepay.Application.Wallets.TopUpWallet;
using CleanPrepay.Domain.Subscriptions;
using CleanPrepay.WebApi.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using static CleanPrepay.WebApi.IntegrationTests.Support.CatalogHelpers;

namespace CleanPrepay.WebApi.IntegrationTests;

/// <summary>
/// Two API instances on one PostgreSQL database, as two servers behind a load balancer: 40 requests
/// race each command that has a before-commit check, a row lock or a unique constraint. None may be
/// a 5xx, and the outcome must be the one a serial run would give.
/// </summary>
public sealed class TwoInstancesFixture : IAsyncLifetime
{
    public PostgresApiFixture First { get; } = new();

    public SiblingApiFixture Second => _second ?? throw new InvalidOperationException("Not started.");

    private SiblingApiFixture? _second;

    public async Task InitializeAsync()
    {
        await First.InitializeAsync();
        _ = First.Services; // the first instance migrates the database before the second starts
        _second = new SiblingApiFixture(First);
        await _second.InitializeAsync();
        _ = _second.Services;
    }

    public async Task DisposeAsync()
    {
        if (_second is not null)
        {
            await _second.DisposeAsync();
        }

        await First.DisposeAsync();
    }

    /// <summary>The n-th request's instance: even on the first, odd on the second.</summary>
    public ApiFixture Instance(int n) => n % 2 == 0 ? First : Second;
}

public sealed class RaceTests(TwoInstancesFixture apis) : IClassFixture<TwoInstancesFixture>
{
    private const int Racers = 40;

    private readonly HttpClient _admin = apis.First.Admin();
    private readonly Given _given = new(apis.First);

    private static void AssertNoServerError(IEnumerable<ApiResponse> answers)
    {
        var failed = answers.Where(a => (int)a.Status >= 500).Select(a => $"{(int)a.Status} {a.Code}: {a.Body?["detail"]}").ToList();
        Assert.True(failed.Count == 0, $"{failed.Count} × 5xx: {string.Join(" | ", failed.Distinct())}");
    }

    private static Dictionary<(HttpStatusCode, string?), int> Tally(IEnumerable<ApiResponse> answers) =>
        answers.GroupBy(a => (a.Status, (int)a.Status < 300 ? null : a.Code)).ToDictionary(g => g.Key, g => g.Count());

    private async Task<ApiResponse[]> RaceAsync(Func<int, Task<ApiResponse>> request)
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, Racers).Select(n => Task.Run(() => request(n))));
        AssertNoServerError(answers);
        return answers;
    }

    /// <summary>Customer ids only: each racer takes a client of the instance its turn falls on.</summary>
    private async Task<List<string>> CustomersAsync(int count, long eur = 0)
    {
        var customers = new List<string>();
        for (var i = 0; i < count; i++)
        {
            customers.Add((await _given.CustomerAsync(eur: eur)).Id);
        }

        return customers;
    }

    private async Task<string> CampaignCodeAsync(object campaign) => (await _given.CampaignAsync(campaign)).Code!;

    private static string Unique(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..16].ToUpperInvariant();

    private async Task AssertLedgerMatchesAsync(string customer)
    {
        var balance = await _admin.BalanceAsync(customer, "EUR");
        var ledger = await _admin.LedgerAsync(customer);
        Assert.Equal(balance, ledger.Where(e => e.Amount?.Currency == "EUR").Sum(e => e.Amount!.Amount));
    }

    [Fact]
    public async Task Forty_retries_of_a_key_whose_holder_died_run_the_request_once()
    {
        var customer = await _admin.CreateCustomerAsync();
        var key = $"orphan-{Guid.NewGuid()}";
        var url = $"/v1/customers/{customer}/wallet/adjustments";
        const string body = "{\"direction\":\"credit\",\"amount\":{\"amount\":300,\"currency\":\"EUR\"},\"reason\":\"retry\"}";
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Path = url;
        context.Request.Body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body));
        var hash = await Idempotency.RequestFingerprint.ComputeAsync(context.Request);
        var now = apis.First.Clock.GetUtcNow();
        await apis.First.WithDbAsync(async db =>
        {
            db.Set<CleanPrepay.Infrastructure.Persistence.Idempotency.IdempotencyRecord>().Add(new CleanPrepay.Infrastructure.Persistence.Idempotency.IdempotencyRecord
            {
                Scope = "admin:ops@platform.test", Key = key, RequestHash = hash!, CreatedAt = now.AddMinutes(-5), ExpiresAt = now.AddHours(23), HeldUntil = now.AddMinutes(-4),
            });
            return await db.SaveChangesAsync();
        });

        var answers = await RaceAsync(n => apis.Instance(n).Admin().PostJsonAsync(url, body, key));

        var ran = answers.Where(a => a.Status == HttpStatusCode.Created && !a.Raw.Headers.Contains("Idempotent-Replayed")).ToList();
        Assert.Single(ran);
        Assert.All(answers.Except(ran), a => Assert.True(
            a.Code == "idempotency_request_in_progress" || (a.Status == HttpStatusCode.Created && a.Raw.Headers.Contains("Idempotent-Replayed")), $"{a.Status} {a.Code}"));
        Assert.Equal(300, await _admin.BalanceAsync(customer, "EUR"));
    }

    [Fact]
    public async Task A_capped_account_coupon_raced_by_40_customers_is_attached_10_times()
    {
        var code = await CampaignCodeAsync(new { name = "Ten accounts", percentOff = 1000, duration = "once", appliesTo = "account", code = Unique("ACC"), maxRedemptions = 10 });
        var customers = await CustomersAsync(Racers);

        var answers = await RaceAsync(n => apis.Instance(n).Customer(customers[n]).PostJsonAsync("/v1/coupons/apply", new { code, customerId = customers[n] }));

        Assert.Equal(10, answers.Count(a => a.Status == HttpStatusCode.OK));
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => Assert.Equal((HttpStatusCode.UnprocessableEntity, "coupon_invalid"), (a.Status, a.Code)));
        Assert.Equal(10, await apis.First.WithDbAsync(db => db.CouponRedemptions.CountAsync(r => customers.Contains(r.CustomerId))));
    }

    [Fact]
    public async Task A_capped_order_coupon_raced_by_40_orders_discounts_10()
    {
        var video = await _admin.CreateVideoAsync(rent: 400);
        var code = await CampaignCodeAsync(new { name = "Ten orders", percentOff = 2500, duration = "once", appliesTo = "order", code = Unique("ORD"), maxRedemptions = 10 });
        var customers = await CustomersAsync(Racers, eur: 400);

        var answers = await RaceAsync(n => apis.Instance(n).Customer(customers[n]).PostJsonAsync(
            "/v1/orders", new { customerId = customers[n], items = new[] { Rent(video) }, couponCode = code, payment = new { method = "wallet" } }));

        Assert.Equal(10, answers.Count(a => a.Status == HttpStatusCode.Created));
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Created), a => Assert.Equal("coupon_invalid", a.Code));
        Assert.All(answers.Where(a => a.Status == HttpStatusCode.Created), a => Assert.Equal(300, a.As<OrderDto>().Total.Amount));
    }

    [Fact]
    public async Task A_capped_coupon_applied_to_40_open_orders_discounts_10()
    {
        var video = await _admin.CreateVideoAsync(rent: 400);
        var code = await CampaignCodeAsync(new { name = "Ten open orders", amountOff = new { amount = 100, currency = "EUR" }, duration = "once", appliesTo = "order", code = Unique("OPN"), maxRedemptions = 10 });
        var customers = await CustomersAsync(Racers);
        var orders = new List<string>();
        foreach (var customer in customers)
        {
            var order = await _admin.OrderAsync(customer, [Rent(video)], method: "gateway", paymentMethod: "pm_card_threeDSecureRequired");
            orders.Add(order.As<OrderDto>().Id);
        }

        var answers = await RaceAsync(n => apis.Instance(n).Customer(customers[n]).PostJsonAsync("/v1/coupons/apply", new { code, customerId = customers[n], orderId = orders[n] }));

        Assert.Equal(10, answers.Count(a => a.Status == HttpStatusCode.OK));
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => Assert.Equal("coupon_invalid", a.Code));
    }

    [Fact]
    public async Task Forty_debits_of_one_wallet_on_two_instances_lose_no_update()
    {
        var customer = (await _given.CustomerAsync(eur: 2500)).Id;

        var answers = await RaceAsync(n => apis.Instance(n).Admin().AdjustAsync(customer, "debit", 100));

        Assert.Equal(25, answers.Count(a => a.Status == HttpStatusCode.Created));
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Created), a => Assert.Equal("insufficient_balance", a.Code));
        Assert.Equal(0, await _admin.BalanceAsync(customer, "EUR"));
        await AssertLedgerMatchesAsync(customer);
    }

    [Fact]
    public async Task Debits_in_one_statement_and_wallet_orders_racing_one_wallet_lose_nothing_and_never_deadlock()
    {
        // Even racers debit through the one-statement move, odd ones pay an order through the aggregate: both lock the wallet row first.
        var video = await _admin.CreateVideoAsync(rent: 300);
        var customer = (await _given.CustomerAsync(eur: 4000)).Id;

        var answers = await RaceAsync(n => n % 4 < 2
            ? apis.Instance(n).Admin().AdjustAsync(customer, "debit", 100)
            : apis.Instance(n).Customer(customer).OrderAsync(customer, [Rent(video)]));

        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Created), a => Assert.Equal("insufficient_balance", a.Code));
        var debits = answers.Where((a, n) => n % 4 < 2 && a.Status == HttpStatusCode.Created).Count();
        var orders = answers.Where((a, n) => n % 4 >= 2 && a.Status == HttpStatusCode.Created).Count();
        var balance = await _admin.BalanceAsync(customer, "EUR");
        Assert.Equal(4000 - (100 * debits) - (300 * orders), balance);
        Assert.InRange(balance, 0, 299); // 6,000 of orders cannot all fit in 4,000: once one is refused, less than 300 is left
        await AssertLedgerMatchesAsync(customer);
    }

    [Fact]
    public async Task Forty_debits_of_a_funded_wallet_with_one_idempotency_key_take_the_money_once()
    {
        var customer = (await _given.CustomerAsync(eur: 1000)).Id;
        var key = $"race-{Guid.NewGuid()}";

        var answers = await RaceAsync(n => apis.Instance(n).Admin().AdjustAsync(customer, "debit", 250, key: key));

        Assert.All(answers, a => Assert.True(
            a.Status == HttpStatusCode.Created || (a.Status, a.Code) == (HttpStatusCode.Conflict, "idempotency_request_in_progress"), $"{a.Status} {a.Code}"));
        Assert.Single(answers.Where(a => a.Status == HttpStatusCode.Created).Select(a => a.As<Application.Wallets.WalletTransactionDto>().Id).Distinct());
        Assert.Equal(750, await _admin.BalanceAsync(customer, "EUR"));
        await AssertLedgerMatchesAsync(customer);
    }

    [Fact]
    public async Task Forty_wallet_orders_of_one_customer_pay_as_many_as_the_balance_covers()
    {
        var video = await _admin.CreateVideoAsync(rent: 300);
        var customer = (await _given.CustomerAsync(eur: 3000)).Id;

        var answers = await RaceAsync(n => apis.Instance(n).Customer(customer).OrderAsync(customer, [Rent(video)]));

        Assert.Equal(10, answers.Count(a => a.Status == HttpStatusCode.Created));
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Created), a => Assert.Equal("insufficient_balance", a.Code));
        Assert.Equal(0, await _admin.BalanceAsync(customer, "EUR"));
        await AssertLedgerMatchesAsync(customer);
    }

    [Fact]
    public async Task Forty_card_top_ups_of_one_wallet_are_all_credited()
    {
        var customer = await _admin.CreateCustomerAsync();

        var answers = await RaceAsync(n => apis.Instance(n).Customer(customer).TopUpAsync(customer, 125, "EUR", "pm_card_visa"));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.Status));
        Assert.Equal(Racers * 125, await _admin.BalanceAsync(customer, "EUR"));
        await AssertLedgerMatchesAsync(customer);
    }

    [Fact]
    public async Task Forty_confirms_of_one_3ds_top_up_credit_it_once()
    {
        var customer = await _admin.CreateCustomerAsync();
        var paymentId = (await _admin.TopUpAsync(customer, 700, "EUR", "pm_card_threeDSecureRequired")).As<TopUpDto>().Payment.Id;

        var answers = await RaceAsync(n => apis.Instance(n).Customer(customer).PostJsonAsync($"/v1/payments/{paymentId}/confirm", null));

        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{a.Status} {a.Code}"));
        Assert.Equal(700, await _admin.BalanceAsync(customer, "EUR"));
        await AssertLedgerMatchesAsync(customer);
    }

    [Fact]
    public async Task Forty_full_refunds_of_one_payment_refund_it_once()
    {
        var video = await _admin.CreateVideoAsync(rent: 900);
        var customer = await _admin.CreateCustomerAsync();
        var paymentId = (await _admin.OrderAsync(customer, [Rent(video)], method: "gateway", paymentMethod: "pm_card_visa")).As<OrderDto>().Payment!.Id;

        var answers = await RaceAsync(n => apis.Instance(n).Admin().PostJsonAsync($"/v1/payments/{paymentId}/refunds", new { }));

        Assert.Single(answers, a => a.Status == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Created), a => Assert.True((int)a.Status is 409 or 422, $"{a.Status} {a.Code}"));
        Assert.Equal(900, await apis.First.WithDbAsync(db => db.Refunds.Where(r => r.PaymentId == paymentId).SumAsync(r => r.Amount.MinorUnits)));
    }

    [Fact]
    public async Task Forty_customers_created_with_one_email_make_one()
    {
        var email = $"race{Guid.NewGuid():N}@example.test";

        var answers = await RaceAsync(n => apis.Instance(n).Admin().PostJsonAsync("/v1/customers", new { email, name = "Racer", language = "en", country = "SE" }));

        Assert.Single(answers, a => a.Status == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Created), a => Assert.Equal((HttpStatusCode.Conflict, "conflict"), (a.Status, a.Code)));
    }

    [Fact]
    public async Task Forty_customers_created_with_one_email_in_forty_casings_make_one()
    {
        var email = $"race{Guid.NewGuid():N}@example.test";
        string Cased(int n) => new(email.Select((c, i) => ((n >> (i % 6)) & 1) == 1 ? char.ToUpperInvariant(c) : c).ToArray());

        var answers = await RaceAsync(n => apis.Instance(n).Admin().PostJsonAsync("/v1/customers", new { email = Cased(n), name = "Racer", language = "en", country = "SE" }));

        Assert.Single(answers, a => a.Status == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Created), a => Assert.Equal((HttpStatusCode.Conflict, "conflict"), (a.Status, a.Code)));
        Assert.Equal(1, await apis.First.WithDbAsync(db => db.Customers.CountAsync(c => c.NormalizedEmail == email)));
    }

    [Fact]
    public async Task Forty_campaigns_with_one_code_make_one()
    {
        var code = Unique("ONE");

        var answers = await RaceAsync(n => apis.Instance(n).Admin().PostJsonAsync("/v1/coupon-campaigns", new { name = "Same code", percentOff = 500, duration = "once", appliesTo = "order", code }));

        Assert.Single(answers, a => a.Status == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Created), a => Assert.Equal((HttpStatusCode.Conflict, "conflict"), (a.Status, a.Code)));
    }

    [Fact]
    public async Task Forty_code_batches_of_one_campaign_are_all_unique()
    {
        var campaign = (await _given.CampaignAsync(new { name = "Bulk race", percentOff = 500, duration = "once", appliesTo = "order", bulk = new { count = 1 } })).Id;

        var answers = await RaceAsync(n => apis.Instance(n).Admin().PostJsonAsync($"/v1/coupon-campaigns/{campaign}/codes", new { count = 5 }));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.Status));
        var codes = await apis.First.WithDbAsync(db => db.CouponCodes.Where(c => c.CampaignId == campaign).CountAsync());
        Assert.Equal(1 + (Racers * 5), codes);
    }

    [Fact]
    public async Task Forty_starts_of_one_plan_make_one_subscription()
    {
        var plan = await _admin.CreatePlanAsync(price: 300);
        var customer = (await _given.CustomerAsync(eur: 100_000)).Id;

        var answers = await RaceAsync(n => apis.Instance(n).Customer(customer).PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = plan, payment = new { method = "wallet" } }));

        Assert.Single(answers, a => a.Status == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Created), a => Assert.Equal((HttpStatusCode.Conflict, "conflict"), (a.Status, a.Code)));
        Assert.Equal(1, await apis.First.WithDbAsync(db => db.Subscriptions.CountAsync(s => s.CustomerId == customer)));
        await AssertLedgerMatchesAsync(customer);
    }

    [Fact]
    public async Task Forty_trial_starts_of_one_customer_on_forty_plans_give_one_trial_under_a_per_merchant_policy()
    {
        var plans = new List<string>();
        for (var i = 0; i < Racers; i++)
        {
            plans.Add((await _given.PlanAsync(new { name = $"Race trial {i}", price = new { amount = 500, currency = "EUR" }, interval = "month", billing = "activation", trialDays = 7, cardlessTrial = true })).Id);
        }

        var customer = await _admin.CreateCustomerAsync();
        Assert.Equal(HttpStatusCode.OK, (await _admin.SendJsonAsync(HttpMethod.Put, "/v1/settings", new { trialPolicy = "per_merchant" })).Status);
        apis.Second.Clock.Advance(TimeSpan.FromSeconds(5)); // past the other instance's settings cache
        try
        {
            var answers = await RaceAsync(n => apis.Instance(n).Customer(customer).PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = plans[n] }));

            Assert.Equal(new Dictionary<(HttpStatusCode, string?), int> { [(HttpStatusCode.Created, null)] = 1, [(HttpStatusCode.UnprocessableEntity, "trial_already_used")] = Racers - 1 }, Tally(answers));
            Assert.Equal(1, await apis.First.WithDbAsync(db => db.TrialGrants.CountAsync(t => t.CustomerId == customer)));
            Assert.Equal(1, await apis.First.WithDbAsync(db => db.Subscriptions.CountAsync(s => s.CustomerId == customer)));
        }
        finally
        {
            await _admin.SendJsonAsync(HttpMethod.Put, "/v1/settings", new { trialPolicy = "per_plan" });
            apis.Second.Clock.Advance(TimeSpan.FromSeconds(5));
        }
    }

    [Fact]
    public async Task Forty_restarts_of_a_canceled_trial_on_two_instances_are_all_refused()
    {
        var plan = (await _given.PlanAsync(new { name = "Race restart", price = new { amount = 500, currency = "EUR" }, interval = "month", billing = "activation", trialDays = 7, cardlessTrial = true })).Id;
        var customer = await _admin.CreateCustomerAsync();
        var first = (await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = plan })).As<SubscriptionDto>();
        await _admin.PostJsonAsync($"/v1/subscriptions/{first.Id}/cancel", new { atPeriodEnd = false });

        var answers = await RaceAsync(n => apis.Instance(n).Customer(customer).PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = plan }));

        Assert.All(answers, a => Assert.Equal((HttpStatusCode.UnprocessableEntity, "trial_already_used"), (a.Status, a.Code)));
        Assert.Equal(1, await apis.First.WithDbAsync(db => db.Subscriptions.CountAsync(s => s.CustomerId == customer)));
    }

    [Fact]
    public async Task Forty_payments_of_one_pending_prepayment_take_the_money_once()
    {
        var plan = await _admin.CreatePlanAsync(price: 1000);
        var customer = await _admin.CreateCustomerAsync();
        Assert.Equal(HttpStatusCode.OK, (await _admin.SendJsonAsync(HttpMethod.Put, "/v1/settings", new { prepaymentEnabled = true })).Status);
        var pending = await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = plan, riskCheck = new { outcome = "rejected" } });
        Assert.Equal(HttpStatusCode.Created, pending.Status);
        var prepayment = pending.As<SubscriptionDto>().Prepayment!;
        var prepaymentId = prepayment.Id;
        var amount = prepayment.Amount.Amount;
        await _admin.AdjustAsync(customer, "credit", 100_000);

        var answers = await RaceAsync(n => apis.Instance(n).Customer(customer).PostJsonAsync($"/v1/prepayments/{prepaymentId}/pay", new { payment = new { method = "wallet" } }));

        Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => Assert.Equal((HttpStatusCode.Conflict, "conflict"), (a.Status, a.Code)));
        Assert.Equal(100_000 - amount, await _admin.BalanceAsync(customer, "EUR"));
        await AssertLedgerMatchesAsync(customer);
    }

    [Fact]
    public async Task Forty_plan_changes_of_one_subscription_change_it_once()
    {
        var basic = await _admin.CreatePlanAsync(price: 700, interval: "week");
        var premium = await _admin.CreatePlanAsync(price: 1400, interval: "week");
        var customer = (await _given.CustomerAsync(eur: 100_000)).Id;
        var started = await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = basic, payment = new { method = "wallet" } });
        Assert.Equal(HttpStatusCode.Created, started.Status);
        var id = started.As<SubscriptionDto>().Id;

        var answers = await RaceAsync(n => apis.Instance(n).Customer(customer).PostJsonAsync($"/v1/subscriptions/{id}/change-plan", new { planId = premium }));

        Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => Assert.Equal((HttpStatusCode.Conflict, "conflict"), (a.Status, a.Code)));
        await AssertLedgerMatchesAsync(customer);
    }

    [Fact]
    public async Task Forty_cancels_of_one_subscription_cancel_it_once()
    {
        var plan = await _admin.CreatePlanAsync(price: 500);
        var customer = (await _given.CustomerAsync(eur: 10_000)).Id;
        var id = (await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = plan, payment = new { method = "wallet" } })).As<SubscriptionDto>().Id;

        var answers = await RaceAsync(n => apis.Instance(n).Customer(customer).PostJsonAsync($"/v1/subscriptions/{id}/cancel", new { atPeriodEnd = false }));

        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{a.Status} {a.Code}"));
        Assert.Equal(SubscriptionStatus.Canceled, (await _admin.GetJsonAsync($"/v1/subscriptions/{id}")).As<SubscriptionDto>().Status);
        await AssertLedgerMatchesAsync(customer);
    }

    [Fact]
    public async Task Forty_requests_with_one_idempotency_key_run_once()
    {
        var customer = await _admin.CreateCustomerAsync();
        var key = $"race-{Guid.NewGuid()}";

        var answers = await RaceAsync(n => apis.Instance(n).Admin().AdjustAsync(customer, "credit", 250, key: key));

        Assert.All(answers, a => Assert.True(
            a.Status == HttpStatusCode.Created || (a.Status, a.Code) == (HttpStatusCode.Conflict, "idempotency_request_in_progress"), $"{a.Status} {a.Code}"));
        Assert.Equal(250, await _admin.BalanceAsync(customer, "EUR"));
    }
}
