using System.Net;
using CleanPrepay.WebApi.IntegrationTests.Support;
using static CleanPrepay.WebApi.IntegrationTests.Support.CatalogHelpers;

namespace CleanPrepay.WebApi.IntegrationTests;

public abstract class OrderTests(ApiFixture api)
{
    private readonly HttpClient _admin = api.Admin();

    [Fact]
    public async Task A_mixed_basket_from_the_wallet_has_exact_totals_taxes_balance_and_accesses()
    {
        await SetTaxAsync("SE", 2500);
        var rental = await _admin.CreateVideoAsync(rent: 399, hours: 48);
        var bought = await _admin.CreateVideoAsync(buy: 1299);
        var plan = await _admin.CreatePlanAsync(price: 999, interval: "month");
        var customer = await _admin.CreateCustomerAsync();
        await _admin.AdjustAsync(customer, "credit", 10000);

        var order = await api.Customer(customer).OrderAsync(customer, [Rent(rental), Buy(bought), PlanItem(plan)]);

        Assert.Equal(HttpStatusCode.Created, order.Status);
        var o = order.Json;
        Assert.Equal("paid", o["status"]!.GetValue<string>());
        Assert.Equal(2697, o.Amount("subtotal"));
        Assert.Equal(0, o.Amount("discount"));
        Assert.Equal(2697, o.Amount("total"));
        // 2697 × 2500 / 12500 = 539.4 → 539, allocated by gross 399 : 1299 : 999 with the largest remainders.
        Assert.Equal(539, o.Amount("tax"));
        Assert.Equal([80L, 259L, 200L], o["items"]!.AsArray().Select(i => i!.Amount("tax")).ToArray());
        Assert.Equal(2500, o["taxRate"]!.GetValue<int>());
        Assert.Equal(7303, await _admin.BalanceAsync(customer, "EUR"));
        var payment = o["payment"]!;
        Assert.Equal("wallet", payment["method"]!.GetValue<string>());
        Assert.Equal("succeeded", payment["status"]!.GetValue<string>());

        var paidAt = DateTimeOffset.Parse(o["paidAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var accesses = o["accesses"]!.AsArray().ToDictionary(a => a!["kind"]!.GetValue<string>());
        Assert.Equal(3, accesses.Count);
        Assert.Equal(paidAt.AddHours(48), DateTimeOffset.Parse(accesses["rental"]!["expiresAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(accesses["purchase"]!["expiresAt"]);
        Assert.Equal(paidAt.AddMonths(1), DateTimeOffset.Parse(accesses["subscription"]!["expiresAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(accesses.Values, a => Assert.True(a!["active"]!.GetValue<bool>()));
        var entry = (await _admin.TransactionsAsync(customer)).First();
        Assert.Equal("order_payment", entry["kind"]!.GetValue<string>());
        Assert.Equal(-2697, entry["amount"]!["amount"]!.GetValue<long>());
        Assert.Equal(o["id"]!.GetValue<string>(), entry["reference"]!.GetValue<string>());
        await SetTaxAsync("SE", 0);
    }

    [Fact]
    public async Task Credits_pay_credit_prices_and_leave_the_money_pockets_alone()
    {
        var video = await _admin.CreateVideoAsync(rentCredits: 2, buyCredits: 5);
        var customer = await _admin.CreateCustomerAsync();
        await _admin.AdjustAsync(customer, "credit", 500);
        await _admin.AdjustAsync(customer, "credit", credits: 7);

        var order = await _admin.OrderAsync(customer, [Rent(video), Buy(video)], method: "credits");
        var tooMany = await _admin.OrderAsync(customer, [Buy(video)], method: "credits");

        Assert.Equal("paid", order.Json["status"]!.GetValue<string>());
        Assert.Equal(7, order.Json["creditsTotal"]!.GetValue<long>());
        Assert.Equal(0, await _admin.CreditsAsync(customer));
        Assert.Equal(500, await _admin.BalanceAsync(customer, "EUR"));
        Assert.Equal("insufficient_balance", tooMany.Code);
        Assert.Equal(0, await _admin.CreditsAsync(customer));
    }

    [Fact]
    public async Task The_negative_limit_holds_under_twenty_concurrent_wallet_orders()
    {
        await _admin.SendJsonAsync(HttpMethod.Put, "/v1/settings", new { negativeBalanceLimits = new[] { new { amount = 1000, currency = "EUR" } } });
        var video = await _admin.CreateVideoAsync(rent: 250);
        var customer = await _admin.CreateCustomerAsync();
        await _admin.AdjustAsync(customer, "credit", 1000);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => api.Customer(customer).OrderAsync(customer, [Rent(video)])));

        Assert.Equal(8, results.Count(r => r.Status == HttpStatusCode.Created));
        Assert.Equal(12, results.Count(r => r.Code == "insufficient_balance"));
        Assert.Equal(-1000, await _admin.BalanceAsync(customer, "EUR"));
        Assert.Equal(-1000, (await _admin.TransactionsAsync(customer)).Sum(e => e["amount"]!["amount"]!.GetValue<long>()));
        var orders = await _admin.GetJsonAsync($"/v1/customers/{customer}/orders?limit=200");
        Assert.Equal(8, orders.Json["items"]!.AsArray().Count);
        await _admin.SendJsonAsync(HttpMethod.Put, "/v1/settings", new { negativeBalanceLimits = Array.Empty<object>() });
    }

    [Fact]
    public async Task A_rental_entitles_until_the_exact_hour_and_not_a_tick_longer()
    {
        var video = await _admin.CreateVideoAsync(rent: 100, hours: 48);
        var other = await _admin.CreateVideoAsync();
        var customer = await _admin.CreateCustomerAsync();
        await _admin.AdjustAsync(customer, "credit", 100);
        var client = api.Customer(customer);
        var order = await client.OrderAsync(customer, [Rent(video)]);
        var expiresAt = DateTimeOffset.Parse(order.Json["accesses"]![0]!["expiresAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

        var now = await client.GetJsonAsync($"/v1/customers/{customer}/entitlements/{video}");
        Assert.True(now.Json["entitled"]!.GetValue<bool>());
        Assert.Equal("rental", now.Json["via"]!.GetValue<string>());
        Assert.Equal(expiresAt, DateTimeOffset.Parse(now.Json["until"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.False((await client.GetJsonAsync($"/v1/customers/{customer}/entitlements/{other}")).Json["entitled"]!.GetValue<bool>());

        api.Clock.Advance(expiresAt - api.Clock.GetUtcNow() - TimeSpan.FromSeconds(1));
        Assert.True((await client.GetJsonAsync($"/v1/customers/{customer}/entitlements/{video}")).Json["entitled"]!.GetValue<bool>());
        api.Clock.Advance(TimeSpan.FromSeconds(1));
        var after = await client.GetJsonAsync($"/v1/customers/{customer}/entitlements/{video}");
        Assert.False(after.Json["entitled"]!.GetValue<bool>());
        Assert.Null(after.Json["via"]);
        var accesses = await client.GetJsonAsync($"/v1/customers/{customer}/accesses");
        Assert.False(accesses.Json["items"]![0]!["active"]!.GetValue<bool>());
        Assert.Empty((await client.GetJsonAsync($"/v1/customers/{customer}/accesses?active=true")).Json["items"]!.AsArray());
    }

    [Fact]
    public async Task A_subscription_or_a_manual_plan_grant_entitles_to_every_video()
    {
        var video = await _admin.CreateVideoAsync();
        var plan = await _admin.CreatePlanAsync(price: 500);
        var subscriber = await _admin.CreateCustomerAsync();
        var granted = await _admin.CreateCustomerAsync();
        await _admin.AdjustAsync(subscriber, "credit", 500);

        await _admin.OrderAsync(subscriber, [PlanItem(plan)]);
        var manual = await _admin.PostJsonAsync($"/v1/customers/{granted}/accesses", new { planId = plan, reason = "Support goodwill" });
        var noReason = await _admin.PostJsonAsync($"/v1/customers/{granted}/accesses", new { videoId = video });

        Assert.Equal(HttpStatusCode.Created, manual.Status);
        Assert.Equal("manual", manual.Json["kind"]!.GetValue<string>());
        Assert.Equal("Support goodwill", manual.Json["reason"]!.GetValue<string>());
        Assert.Equal("validation_failed", noReason.Code);
        var viaSubscription = await _admin.GetJsonAsync($"/v1/customers/{subscriber}/entitlements/{video}");
        Assert.Equal("subscription", viaSubscription.Json["via"]!.GetValue<string>());
        var viaManual = await _admin.GetJsonAsync($"/v1/customers/{granted}/entitlements/{video}");
        Assert.Equal("manual", viaManual.Json["via"]!.GetValue<string>());
        Assert.Null(viaManual.Json["until"]);
    }

    [Fact]
    public async Task A_bonus_is_granted_once_even_when_the_order_is_replayed()
    {
        var annual = await _admin.CreatePlanAsync(price: 9900, interval: "year");
        var rule = await _admin.PostJsonAsync("/v1/bonus-rules", new { trigger = "subscription_purchased", planId = annual, grantCredits = 12 });
        Assert.Equal(HttpStatusCode.Created, rule.Status);
        var customer = await _admin.CreateCustomerAsync();
        await _admin.AdjustAsync(customer, "credit", 9900);
        var key = $"annual-{Guid.NewGuid()}";

        var first = await api.Customer(customer).OrderAsync(customer, [PlanItem(annual)], key: key);
        var replay = await api.Customer(customer).OrderAsync(customer, [PlanItem(annual)], key: key);

        Assert.Equal("paid", first.Json["status"]!.GetValue<string>());
        Assert.Equal("true", Assert.Single(replay.Raw.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(first.Json["id"]!.GetValue<string>(), replay.Json["id"]!.GetValue<string>());
        Assert.Equal(12, await _admin.CreditsAsync(customer));
        Assert.Equal(0, await _admin.BalanceAsync(customer, "EUR"));
        var bonus = (await _admin.TransactionsAsync(customer)).Single(e => e["kind"]!.GetValue<string>() == "bonus");
        Assert.Equal(12, bonus["credits"]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.SendJsonAsync(HttpMethod.Delete, $"/v1/bonus-rules/{rule.Json["id"]!.GetValue<string>()}")).Status);
    }

    [Fact]
    public async Task Gateway_orders_follow_the_payment_and_a_failed_payment_leaves_nothing()
    {
        var video = await _admin.CreateVideoAsync(buy: 1500);
        var package = await _admin.PostJsonAsync("/v1/prepayment-packages", new { name = "5 credits", price = new { amount = 450, currency = "EUR" }, grants = new { credits = 5 } });
        var customer = await _admin.CreateCustomerAsync();
        var client = api.Customer(customer);

        var declined = await client.OrderAsync(customer, [Buy(video)], "gateway", "pm_card_chargeDeclined");
        var secure = await client.OrderAsync(customer, [Buy(video), new { packageId = package.Json["id"]!.GetValue<string>() }], "gateway", "pm_card_threeDSecureRequired");

        Assert.Equal("failed", declined.Json["status"]!.GetValue<string>());
        Assert.Empty(declined.Json["accesses"]!.AsArray());
        Assert.Equal("requires_action", secure.Json["status"]!.GetValue<string>());
        Assert.Empty(secure.Json["accesses"]!.AsArray());
        Assert.False((await client.GetJsonAsync($"/v1/customers/{customer}/entitlements/{video}")).Json["entitled"]!.GetValue<bool>());
        Assert.Empty(await client.TransactionsAsync(customer));

        var confirmed = await client.PostJsonAsync($"/v1/payments/{secure.Json["payment"]!["id"]!.GetValue<string>()}/confirm", null);
        await client.PostJsonAsync($"/v1/payments/{secure.Json["payment"]!["id"]!.GetValue<string>()}/confirm", null);
        var order = await client.GetJsonAsync($"/v1/orders/{secure.Json["id"]!.GetValue<string>()}");

        Assert.Equal("succeeded", confirmed.Json["status"]!.GetValue<string>());
        Assert.Equal("paid", order.Json["status"]!.GetValue<string>());
        Assert.Equal(1950, order.Json.Amount("total"));
        Assert.Single(order.Json["accesses"]!.AsArray());
        Assert.Equal(5, await client.CreditsAsync(customer));
        Assert.True((await client.GetJsonAsync($"/v1/customers/{customer}/entitlements/{video}")).Json["entitled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Refunds_never_exceed_what_was_paid_and_a_full_refund_revokes_access()
    {
        var video = await _admin.CreateVideoAsync(buy: 1000);
        var customer = await _admin.CreateCustomerAsync();
        await _admin.AdjustAsync(customer, "credit", 1000);
        var order = await _admin.OrderAsync(customer, [Buy(video)]);
        var paymentId = order.Json["payment"]!["id"]!.GetValue<string>();

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => api.Admin().PostJsonAsync($"/v1/payments/{paymentId}/refunds", new { amount = new { amount = 300, currency = "EUR" } })));
        Assert.Equal(3, concurrent.Count(r => r.Status == HttpStatusCode.Created));
        Assert.Equal(2, concurrent.Count(r => r.Code == "refund_exceeds_payment"));
        Assert.True((await _admin.GetJsonAsync($"/v1/customers/{customer}/entitlements/{video}")).Json["entitled"]!.GetValue<bool>());

        var tooMuch = await _admin.PostJsonAsync($"/v1/payments/{paymentId}/refunds", new { amount = new { amount = 101, currency = "EUR" } });
        var rest = await _admin.PostJsonAsync($"/v1/payments/{paymentId}/refunds", new { });
        var more = await _admin.PostJsonAsync($"/v1/payments/{paymentId}/refunds", new { amount = new { amount = 1, currency = "EUR" } });

        Assert.Equal("refund_exceeds_payment", tooMuch.Code);
        Assert.Equal(100, rest.Json.Amount("amount"));
        Assert.Equal("refund_exceeds_payment", more.Code);
        Assert.Equal(1000, await _admin.BalanceAsync(customer, "EUR"));
        Assert.Equal(4, (await _admin.TransactionsAsync(customer)).Count(e => e["kind"]!.GetValue<string>() == "refund"));
        var refunded = await _admin.GetJsonAsync($"/v1/orders/{order.Json["id"]!.GetValue<string>()}");
        Assert.Equal("refunded", refunded.Json["status"]!.GetValue<string>());
        Assert.Equal(1000, refunded.Json.Amount("refunded"));
        Assert.False((await _admin.GetJsonAsync($"/v1/customers/{customer}/entitlements/{video}")).Json["entitled"]!.GetValue<bool>());
        Assert.Equal("forbidden", (await api.Customer(customer).PostJsonAsync($"/v1/payments/{paymentId}/refunds", new { amount = new { amount = 1, currency = "EUR" } })).Code);
    }

    [Fact]
    public async Task A_refund_amount_is_money_in_the_payments_currency()
    {
        var video = await _admin.CreateVideoAsync(buy: 1000);
        var customer = await _admin.CreateCustomerAsync();
        await _admin.AdjustAsync(customer, "credit", 1000);
        var order = await _admin.OrderAsync(customer, [Buy(video)]);
        var paymentId = order.Json["payment"]!["id"]!.GetValue<string>();

        var partial = await _admin.PostJsonAsync($"/v1/payments/{paymentId}/refunds", new { amount = new { amount = 299, currency = "EUR" } });
        var otherCurrency = await _admin.PostJsonAsync($"/v1/payments/{paymentId}/refunds", new { amount = new { amount = 299, currency = "SEK" } });
        var bareNumber = await _admin.PostJsonAsync($"/v1/payments/{paymentId}/refunds", new { amount = 299 });

        Assert.Equal(HttpStatusCode.Created, partial.Status);
        Assert.Equal(299, partial.Json.Amount("amount"));
        Assert.Equal("EUR", partial.Json["amount"]!["currency"]!.GetValue<string>());
        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), (otherCurrency.Status, otherCurrency.Code));
        Assert.NotNull(otherCurrency.Json["errors"]!["amount.currency"]);
        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), (bareNumber.Status, bareNumber.Code));
        Assert.Equal(299, await _admin.BalanceAsync(customer, "EUR"));
        Assert.Single(await _admin.TransactionsAsync(customer), e => e["kind"]!.GetValue<string>() == "refund");
    }

    [Fact]
    public async Task A_gateway_payment_is_refunded_through_the_gateway()
    {
        var video = await _admin.CreateVideoAsync(rent: 700);
        var customer = await _admin.CreateCustomerAsync();
        var order = await _admin.OrderAsync(customer, [Rent(video)], "gateway", "pm_card_visa");

        var refund = await _admin.PostJsonAsync($"/v1/payments/{order.Json["payment"]!["id"]!.GetValue<string>()}/refunds", null);

        Assert.Equal(HttpStatusCode.Created, refund.Status);
        Assert.Equal("succeeded", refund.Json["status"]!.GetValue<string>());
        Assert.Equal(700, refund.Json.Amount("amount"));
        Assert.Equal(0, await _admin.BalanceAsync(customer, "EUR"));
        Assert.Equal("refunded", (await _admin.GetJsonAsync($"/v1/orders/{order.Json["id"]!.GetValue<string>()}")).Json["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Prices_follow_the_order_currency_and_unavailable_items_are_refused()
    {
        var video = await _admin.CreateVideoAsync(rent: 300, extraPrices: new[] { new { amount = 3500, currency = "SEK" } });
        var eurOnly = await _admin.CreateVideoAsync(rent: 300);
        var customer = await _admin.CreateCustomerAsync();
        await _admin.AdjustAsync(customer, "credit", 10000, "SEK");

        var sek = await _admin.OrderAsync(customer, [Rent(video)], currency: "SEK");
        var missing = await _admin.OrderAsync(customer, [Rent(eurOnly)], currency: "SEK");
        await _admin.PostJsonAsync($"/v1/videos/{eurOnly}/deactivate", null);
        var inactive = await _admin.OrderAsync(customer, [Rent(eurOnly)]);

        Assert.Equal(3500, sek.Json.Amount("total"));
        Assert.Equal("SEK", sek.Json["currency"]!.GetValue<string>());
        Assert.Equal(6500, await _admin.BalanceAsync(customer, "SEK"));
        Assert.Equal("price_unavailable", missing.Code);
        Assert.Equal("item_unavailable", inactive.Code);
        var listed = await api.Customer(customer).GetJsonAsync("/v1/videos?limit=200");
        Assert.DoesNotContain(listed.Json["items"]!.AsArray(), v => v!["id"]!.GetValue<string>() == eurOnly);
    }

    [Fact]
    public async Task An_inactive_customer_cannot_order()
    {
        var video = await _admin.CreateVideoAsync();
        var customer = await _admin.CreateCustomerAsync();
        await _admin.AdjustAsync(customer, "credit", 1000);
        await _admin.SendJsonAsync(HttpMethod.Patch, $"/v1/customers/{customer}", new { status = "inactive" });

        var order = await _admin.OrderAsync(customer, [Rent(video)]);

        Assert.Equal(HttpStatusCode.Forbidden, order.Status); // 422 until issue 12 item 13: the account's standing, not the order, is refused
        Assert.Equal("customer_inactive", order.Code);
        Assert.Equal(1000, await _admin.BalanceAsync(customer, "EUR"));
    }

    [Fact]
    public async Task Customers_see_only_their_own_orders_and_accesses()
    {
        var video = await _admin.CreateVideoAsync();
        var alice = await _admin.CreateCustomerAsync();
        var bob = await _admin.CreateCustomerAsync();
        await _admin.AdjustAsync(alice, "credit", 1000);
        var order = await api.Customer(alice).OrderAsync(alice, [Rent(video)]);
        var asBob = api.Customer(bob);

        Assert.Equal(HttpStatusCode.NotFound, (await asBob.GetJsonAsync($"/v1/orders/{order.Json["id"]!.GetValue<string>()}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await asBob.GetJsonAsync($"/v1/orders?customerId={alice}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await asBob.GetJsonAsync($"/v1/customers/{alice}/orders")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await asBob.GetJsonAsync($"/v1/customers/{alice}/accesses")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await asBob.GetJsonAsync($"/v1/customers/{alice}/entitlements/{video}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await asBob.OrderAsync(alice, [Rent(video)])).Status);
        Assert.Empty((await asBob.GetJsonAsync("/v1/orders")).Json["items"]!.AsArray());
        Assert.Single((await api.Customer(alice).GetJsonAsync("/v1/orders")).Json["items"]!.AsArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await asBob.PostJsonAsync("/v1/videos", new { title = "x", buy = new { price = new { amount = 1, currency = "EUR" } } })).Status);
        Assert.Equal(601, await _admin.BalanceAsync(alice, "EUR"));
    }

    private async Task SetTaxAsync(string country, int bps) =>
        Assert.Equal(HttpStatusCode.OK, (await _admin.SendJsonAsync(HttpMethod.Put, "/v1/settings", new { taxRates = new[] { new { country, rateBps = bps } } })).Status);
}

[Collection("sqlite")]
public sealed class SqliteOrderTests(SqliteApiFixture api) : OrderTests(api);

[Collection("postgres")]
public sealed class PostgresOrderTests(PostgresApiFixture api) : OrderTests(api);
