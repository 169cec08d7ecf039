using System.Net;
using CleanPrepay.Application.Accesses;
using CleanPrepay.Application.Catalog;
using CleanPrepay.Application.Orders;
using CleanPrepay.Application.Payments;
using CleanPrepay.Application.Payments.RefundPayment;
using CleanPrepay.Domain.Accesses;
using CleanPrepay.Domain.Orders;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Domain.Wallets;
using CleanPrepay.WebApi.IntegrationTests.Support;
using static CleanPrepay.WebApi.IntegrationTests.Support.CatalogHelpers;

namespace CleanPrepay.WebApi.IntegrationTests;

public abstract class OrderTests(ApiFixture api)
{
    private readonly HttpClient _admin = api.Admin();
    private readonly Given _given = new(api);

    [Fact]
    public async Task A_mixed_basket_from_the_wallet_has_exact_totals_taxes_balance_and_accesses()
    {
        await SetTaxAsync("SE", 2500);
        var rental = await _admin.CreateVideoAsync(rent: 399, hours: 48);
        var bought = await _admin.CreateVideoAsync(buy: 1299);
        var plan = await _admin.CreatePlanAsync(price: 999, interval: "month");
        var customer = await _given.CustomerAsync(eur: 10000);

        var order = await customer.Client.OrderAsync(customer.Id, [Rent(rental), Buy(bought), PlanItem(plan)]);

        Assert.Equal(HttpStatusCode.Created, order.Status);
        var o = order.As<OrderDto>();
        Assert.Equal(OrderStatus.Paid, o.Status);
        Assert.Equal(2697, o.Subtotal.Amount);
        Assert.Equal(0, o.Discount.Amount);
        Assert.Equal(2697, o.Total.Amount);
        // 2697 × 2500 / 12500 = 539.4 → 539, allocated by gross 399 : 1299 : 999 with the largest remainders.
        Assert.Equal(539, o.Tax.Amount);
        Assert.Equal([80L, 259L, 200L], o.Items.Select(i => i.Tax.Amount).ToArray());
        Assert.Equal(2500, o.TaxRate);
        Assert.Equal(7303, await _admin.BalanceAsync(customer.Id, "EUR"));
        Assert.Equal((OrderPaymentMethod.Wallet, PaymentStatus.Succeeded), (o.Payment!.Method, o.Payment.Status));

        var paidAt = o.PaidAt!.Value;
        var accesses = o.Accesses.ToDictionary(a => a.Kind);
        Assert.Equal(3, accesses.Count);
        Assert.Equal(paidAt.AddHours(48), accesses[AccessKind.Rental].ExpiresAt);
        Assert.Null(accesses[AccessKind.Purchase].ExpiresAt);
        Assert.Equal(paidAt.AddMonths(1), accesses[AccessKind.Subscription].ExpiresAt);
        Assert.All(accesses.Values, a => Assert.True(a.Active));
        var entry = (await _admin.LedgerAsync(customer.Id)).First();
        Assert.Equal((LedgerEntryKind.OrderPayment, -2697L, o.Id), (entry.Kind, entry.Amount!.Amount, entry.Reference));
        await SetTaxAsync("SE", 0);
    }

    [Fact]
    public async Task Credits_pay_credit_prices_and_leave_the_money_pockets_alone()
    {
        var video = await _admin.CreateVideoAsync(rentCredits: 2, buyCredits: 5);
        var customer = (await _given.CustomerAsync(eur: 500, credits: 7)).Id;

        var order = await _admin.OrderAsync(customer, [Rent(video), Buy(video)], method: "credits");
        var tooMany = await _admin.OrderAsync(customer, [Buy(video)], method: "credits");

        Assert.Equal(OrderStatus.Paid, order.As<OrderDto>().Status);
        Assert.Equal(7, order.As<OrderDto>().CreditsTotal);
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
        var customer = (await _given.CustomerAsync(eur: 1000)).Id;

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => api.Customer(customer).OrderAsync(customer, [Rent(video)])));

        Assert.Equal(8, results.Count(r => r.Status == HttpStatusCode.Created));
        Assert.Equal(12, results.Count(r => r.Code == "insufficient_balance"));
        Assert.Equal(-1000, await _admin.BalanceAsync(customer, "EUR"));
        Assert.Equal(-1000, (await _admin.LedgerAsync(customer)).Sum(e => e.Amount!.Amount));
        var orders = await _admin.GetJsonAsync($"/v1/customers/{customer}/orders?limit=200");
        Assert.Equal(8, orders.Items<OrderDto>().Count);
        await _admin.SendJsonAsync(HttpMethod.Put, "/v1/settings", new { negativeBalanceLimits = Array.Empty<object>() });
    }

    [Fact]
    public async Task A_rental_entitles_until_the_exact_hour_and_not_a_tick_longer()
    {
        var video = await _admin.CreateVideoAsync(rent: 100, hours: 48);
        var other = await _admin.CreateVideoAsync();
        var (customer, client) = await _given.CustomerAsync(eur: 100);
        var order = await client.OrderAsync(customer, [Rent(video)]);
        var expiresAt = order.As<OrderDto>().Accesses[0].ExpiresAt!.Value;

        var now = await client.EntitlementAsync(customer, video);
        Assert.Equal((true, AccessKind.Rental, expiresAt), (now.Entitled, now.Via, now.Until));
        Assert.False((await client.EntitlementAsync(customer, other)).Entitled);

        api.Clock.Advance(expiresAt - api.Clock.GetUtcNow() - TimeSpan.FromSeconds(1));
        Assert.True((await client.EntitlementAsync(customer, video)).Entitled);
        api.Clock.Advance(TimeSpan.FromSeconds(1));
        var after = await client.EntitlementAsync(customer, video);
        Assert.False(after.Entitled);
        Assert.Null(after.Via);
        var accesses = await client.GetJsonAsync($"/v1/customers/{customer}/accesses");
        Assert.False(accesses.Items<AccessDto>()[0].Active);
        Assert.Empty((await client.GetJsonAsync($"/v1/customers/{customer}/accesses?active=true")).Items<AccessDto>());
    }

    [Fact]
    public async Task A_subscription_or_a_manual_plan_grant_entitles_to_every_video()
    {
        var video = await _admin.CreateVideoAsync();
        var plan = await _admin.CreatePlanAsync(price: 500);
        var subscriber = (await _given.CustomerAsync(eur: 500)).Id;
        var granted = await _admin.CreateCustomerAsync();

        await _admin.OrderAsync(subscriber, [PlanItem(plan)]);
        var manual = await _admin.PostJsonAsync($"/v1/customers/{granted}/accesses", new { planId = plan, reason = "Support goodwill" });
        var noReason = await _admin.PostJsonAsync($"/v1/customers/{granted}/accesses", new { videoId = video });

        Assert.Equal(HttpStatusCode.Created, manual.Status);
        Assert.Equal((AccessKind.Manual, "Support goodwill"), (manual.As<AccessDto>().Kind, manual.As<AccessDto>().Reason));
        Assert.Equal("validation_failed", noReason.Code);
        Assert.Equal(AccessKind.Subscription, (await _admin.EntitlementAsync(subscriber, video)).Via);
        var viaManual = await _admin.EntitlementAsync(granted, video);
        Assert.Equal(AccessKind.Manual, viaManual.Via);
        Assert.Null(viaManual.Until);
    }

    [Fact]
    public async Task A_bonus_is_granted_once_even_when_the_order_is_replayed()
    {
        var annual = await _admin.CreatePlanAsync(price: 9900, interval: "year");
        var rule = await _admin.PostJsonAsync("/v1/bonus-rules", new { trigger = "subscription_purchased", planId = annual, grantCredits = 12 });
        Assert.Equal(HttpStatusCode.Created, rule.Status);
        var customer = (await _given.CustomerAsync(eur: 9900)).Id;
        var key = $"annual-{Guid.NewGuid()}";

        var first = await api.Customer(customer).OrderAsync(customer, [PlanItem(annual)], key: key);
        var replay = await api.Customer(customer).OrderAsync(customer, [PlanItem(annual)], key: key);

        Assert.Equal(OrderStatus.Paid, first.As<OrderDto>().Status);
        Assert.Equal("true", Assert.Single(replay.Raw.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(first.As<OrderDto>().Id, replay.As<OrderDto>().Id);
        Assert.Equal(12, await _admin.CreditsAsync(customer));
        Assert.Equal(0, await _admin.BalanceAsync(customer, "EUR"));
        var bonus = (await _admin.LedgerAsync(customer)).Single(e => e.Kind == LedgerEntryKind.Bonus);
        Assert.Equal(12, bonus.Credits);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.SendJsonAsync(HttpMethod.Delete, $"/v1/bonus-rules/{rule.Json["id"]!.GetValue<string>()}")).Status);
    }

    [Fact]
    public async Task Gateway_orders_follow_the_payment_and_a_failed_payment_leaves_nothing()
    {
        var video = await _admin.CreateVideoAsync(buy: 1500);
        var package = await _admin.PostJsonAsync("/v1/prepayment-packages", new { name = "5 credits", price = new { amount = 450, currency = "EUR" }, grants = new { credits = 5 } });
        var (customer, client) = await _given.CustomerAsync();

        var declined = (await client.OrderAsync(customer, [Buy(video)], "gateway", "pm_card_chargeDeclined")).As<OrderDto>();
        var secure = (await client.OrderAsync(customer, [Buy(video), new { packageId = package.Json["id"]!.GetValue<string>() }], "gateway", "pm_card_threeDSecureRequired")).As<OrderDto>();

        Assert.Equal(OrderStatus.Failed, declined.Status);
        Assert.Empty(declined.Accesses);
        Assert.Equal(OrderStatus.RequiresAction, secure.Status);
        Assert.Empty(secure.Accesses);
        Assert.False((await client.EntitlementAsync(customer, video)).Entitled);
        Assert.Empty(await client.TransactionsAsync(customer));

        var confirmed = await client.PostJsonAsync($"/v1/payments/{secure.Payment!.Id}/confirm", null);
        await client.PostJsonAsync($"/v1/payments/{secure.Payment.Id}/confirm", null);
        var order = (await client.GetJsonAsync($"/v1/orders/{secure.Id}")).As<OrderDto>();

        Assert.Equal(PaymentStatus.Succeeded, confirmed.As<PaymentDto>().Status);
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal(1950, order.Total.Amount);
        Assert.Single(order.Accesses);
        Assert.Equal(5, await client.CreditsAsync(customer));
        Assert.True((await client.EntitlementAsync(customer, video)).Entitled);
    }

    [Fact]
    public async Task Refunds_never_exceed_what_was_paid_and_a_full_refund_revokes_access()
    {
        var video = await _admin.CreateVideoAsync(buy: 1000);
        var customer = (await _given.CustomerAsync(eur: 1000)).Id;
        var order = (await _admin.OrderAsync(customer, [Buy(video)])).As<OrderDto>();
        var paymentId = order.Payment!.Id;

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => api.Admin().PostJsonAsync($"/v1/payments/{paymentId}/refunds", new { amount = new { amount = 300, currency = "EUR" } })));
        Assert.Equal(3, concurrent.Count(r => r.Status == HttpStatusCode.Created));
        Assert.Equal(2, concurrent.Count(r => r.Code == "refund_exceeds_payment"));
        Assert.True((await _admin.EntitlementAsync(customer, video)).Entitled);

        var tooMuch = await _admin.PostJsonAsync($"/v1/payments/{paymentId}/refunds", new { amount = new { amount = 101, currency = "EUR" } });
        var rest = await _admin.PostJsonAsync($"/v1/payments/{paymentId}/refunds", new { });
        var more = await _admin.PostJsonAsync($"/v1/payments/{paymentId}/refunds", new { amount = new { amount = 1, currency = "EUR" } });

        Assert.Equal("refund_exceeds_payment", tooMuch.Code);
        Assert.Equal(100, rest.As<RefundDto>().Amount.Amount);
        Assert.Equal("refund_exceeds_payment", more.Code);
        Assert.Equal(1000, await _admin.BalanceAsync(customer, "EUR"));
        Assert.Equal(4, (await _admin.LedgerAsync(customer)).Count(e => e.Kind == LedgerEntryKind.Refund));
        var refunded = (await _admin.GetJsonAsync($"/v1/orders/{order.Id}")).As<OrderDto>();
        Assert.Equal((OrderStatus.Refunded, 1000L), (refunded.Status, refunded.Refunded.Amount));
        Assert.False((await _admin.EntitlementAsync(customer, video)).Entitled);
        Assert.Equal("forbidden", (await api.Customer(customer).PostJsonAsync($"/v1/payments/{paymentId}/refunds", new { amount = new { amount = 1, currency = "EUR" } })).Code);
    }

    [Fact]
    public async Task A_refund_amount_is_money_in_the_payments_currency()
    {
        var video = await _admin.CreateVideoAsync(buy: 1000);
        var customer = (await _given.CustomerAsync(eur: 1000)).Id;
        var paymentId = (await _admin.OrderAsync(customer, [Buy(video)])).As<OrderDto>().Payment!.Id;

        var partial = await _admin.PostJsonAsync($"/v1/payments/{paymentId}/refunds", new { amount = new { amount = 299, currency = "EUR" } });
        var otherCurrency = await _admin.PostJsonAsync($"/v1/payments/{paymentId}/refunds", new { amount = new { amount = 299, currency = "SEK" } });
        var bareNumber = await _admin.PostJsonAsync($"/v1/payments/{paymentId}/refunds", new { amount = 299 });

        Assert.Equal(HttpStatusCode.Created, partial.Status);
        Assert.Equal(new(299, "EUR"), partial.As<RefundDto>().Amount);
        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), (otherCurrency.Status, otherCurrency.Code));
        Assert.NotNull(otherCurrency.Json["errors"]!["amount.currency"]);
        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), (bareNumber.Status, bareNumber.Code));
        Assert.Equal(299, await _admin.BalanceAsync(customer, "EUR"));
        Assert.Single(await _admin.LedgerAsync(customer), e => e.Kind == LedgerEntryKind.Refund);
    }

    [Fact]
    public async Task A_gateway_payment_is_refunded_through_the_gateway()
    {
        var video = await _admin.CreateVideoAsync(rent: 700);
        var customer = await _admin.CreateCustomerAsync();
        var order = (await _admin.OrderAsync(customer, [Rent(video)], "gateway", "pm_card_visa")).As<OrderDto>();

        var refund = await _admin.PostJsonAsync($"/v1/payments/{order.Payment!.Id}/refunds", null);

        Assert.Equal(HttpStatusCode.Created, refund.Status);
        Assert.Equal((PaymentStatus.Succeeded, 700L), (refund.As<RefundDto>().Status, refund.As<RefundDto>().Amount.Amount));
        Assert.Equal(0, await _admin.BalanceAsync(customer, "EUR"));
        Assert.Equal(OrderStatus.Refunded, (await _admin.GetJsonAsync($"/v1/orders/{order.Id}")).As<OrderDto>().Status);
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

        Assert.Equal((3500L, "SEK"), (sek.As<OrderDto>().Total.Amount, sek.As<OrderDto>().Currency));
        Assert.Equal(6500, await _admin.BalanceAsync(customer, "SEK"));
        Assert.Equal("price_unavailable", missing.Code);
        Assert.Equal("item_unavailable", inactive.Code);
        var listed = await api.Customer(customer).GetJsonAsync("/v1/videos?limit=200");
        Assert.DoesNotContain(listed.Items<VideoDto>(), v => v.Id == eurOnly);
    }

    [Fact]
    public async Task An_inactive_customer_cannot_order()
    {
        var video = await _admin.CreateVideoAsync();
        var customer = (await _given.CustomerAsync(eur: 1000)).Id;
        await _admin.SendJsonAsync(HttpMethod.Patch, $"/v1/customers/{customer}", new { status = "inactive" });

        var order = await _admin.OrderAsync(customer, [Rent(video)]);

        Assert.Equal(HttpStatusCode.Forbidden, order.Status); // the account's standing, not the order, is refused
        Assert.Equal("customer_inactive", order.Code);
        Assert.Equal(1000, await _admin.BalanceAsync(customer, "EUR"));
    }

    [Fact]
    public async Task Customers_see_only_their_own_orders_and_accesses()
    {
        var video = await _admin.CreateVideoAsync();
        var alice = await _given.CustomerAsync(eur: 1000);
        var bob = await _given.CustomerAsync();
        var order = (await alice.Client.OrderAsync(alice.Id, [Rent(video)])).As<OrderDto>();
        var asBob = bob.Client;

        Assert.Equal(HttpStatusCode.NotFound, (await asBob.GetJsonAsync($"/v1/orders/{order.Id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await asBob.GetJsonAsync($"/v1/orders?customerId={alice.Id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await asBob.GetJsonAsync($"/v1/customers/{alice.Id}/orders")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await asBob.GetJsonAsync($"/v1/customers/{alice.Id}/accesses")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await asBob.GetJsonAsync($"/v1/customers/{alice.Id}/entitlements/{video}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await asBob.OrderAsync(alice.Id, [Rent(video)])).Status);
        Assert.Empty((await asBob.GetJsonAsync("/v1/orders")).Items<OrderDto>());
        Assert.Single((await alice.Client.GetJsonAsync("/v1/orders")).Items<OrderDto>());
        Assert.Equal(HttpStatusCode.Forbidden, (await asBob.PostJsonAsync("/v1/videos", new { title = "x", buy = new { price = new { amount = 1, currency = "EUR" } } })).Status);
        Assert.Equal(601, await _admin.BalanceAsync(alice.Id, "EUR"));
    }

    private async Task SetTaxAsync(string country, int bps) =>
        Assert.Equal(HttpStatusCode.OK, (await _admin.SendJsonAsync(HttpMethod.Put, "/v1/settings", new { taxRates = new[] { new { country, rateBps = bps } } })).Status);
}

[Collection("sqlite")]
public sealed class SqliteOrderTests(SqliteApiFixture api) : OrderTests(api);

[Collection("postgres")]
public sealed class PostgresOrderTests(PostgresApiFixture api) : OrderTests(api);
