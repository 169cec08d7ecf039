using System.Globalization;
using System.Net;
using CleanPrepay.WebApi.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using static CleanPrepay.WebApi.IntegrationTests.Support.CatalogHelpers;

namespace CleanPrepay.WebApi.IntegrationTests;

public abstract class CouponTests(ApiFixture api)
{
    private readonly HttpClient _admin = api.Admin();

    [Fact]
    public async Task A_percentage_coupon_gives_exact_totals_and_tax_on_a_mixed_basket()
    {
        await SetTaxAsync("SE", 2500);
        try
        {
            var rental = await _admin.CreateVideoAsync(rent: 399, hours: 48);
            var bought = await _admin.CreateVideoAsync(buy: 1299);
            var plan = await _admin.CreatePlanAsync(price: 999);
            var code = Unique("SPRING");
            await CreateCampaignAsync(new { name = "Spring", percentOff = 1500, duration = "once", appliesTo = "order", code });
            var customer = await _admin.CreateCustomerAsync();
            await _admin.AdjustAsync(customer, "credit", 10000);

            var order = await OrderWithCouponAsync(api.Customer(customer), customer, [Rent(rental), Buy(bought), PlanItem(plan)], code.ToLowerInvariant());

            Assert.Equal(HttpStatusCode.Created, order.Status);
            var o = order.Json;
            // 15 % of 2697 = 404.55, rounded toward zero: 404, split 399 : 1299 : 999 by largest remainder.
            Assert.Equal(2697, o.Amount("subtotal"));
            Assert.Equal(404, o.Amount("discount"));
            Assert.Equal(2293, o.Amount("total"));
            Assert.Equal([60L, 194L, 150L], o["items"]!.AsArray().Select(i => i!.Amount("discount")).ToArray());
            // VAT on what is left: 2293 × 2500 / 12500 = 458.6 → 459, split 339 : 1105 : 849.
            Assert.Equal(459, o.Amount("tax"));
            Assert.Equal([68L, 221L, 170L], o["items"]!.AsArray().Select(i => i!.Amount("tax")).ToArray());
            Assert.Equal(10000 - 2293, await _admin.BalanceAsync(customer, "EUR"));
            Assert.Equal(-2293, (await _admin.TransactionsAsync(customer)).First()["amount"]!["amount"]!.GetValue<long>());
        }
        finally
        {
            await SetTaxAsync("SE", 0);
        }
    }

    [Fact]
    public async Task An_amount_coupon_never_takes_a_total_below_zero_and_needs_its_currency()
    {
        var video = await _admin.CreateVideoAsync(rent: 399, extraPrices: new[] { new { amount = 4500, currency = "SEK" } });
        var code = Unique("FIVER");
        await CreateCampaignAsync(new { name = "Five off", amountOff = new { amount = 500, currency = "EUR" }, duration = "once", appliesTo = "order", code });
        var customer = await _admin.CreateCustomerAsync();

        var sek = await OrderWithCouponAsync(_admin, customer, [Rent(video)], code, currency: "SEK");
        Assert.Equal("coupon_invalid", sek.Code);
        Assert.Contains("no amount off in SEK", sek.Json["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var free = await OrderWithCouponAsync(_admin, customer, [Rent(video)], code, method: "gateway", paymentMethod: "pm_card_chargeDeclined");
        Assert.Equal(HttpStatusCode.Created, free.Status);
        Assert.Equal("paid", free.Json["status"]!.GetValue<string>());
        Assert.Equal(399, free.Json.Amount("discount"));
        Assert.Equal(0, free.Json.Amount("total"));
        Assert.Equal(0, free.Json.Amount("tax"));
        Assert.Equal("succeeded", free.Json["payment"]!["status"]!.GetValue<string>());
        Assert.Single(free.Json["accesses"]!.AsArray());
        Assert.Empty(await _admin.TransactionsAsync(customer));
    }

    [Fact]
    public async Task The_redemption_cap_holds_under_fifty_concurrent_orders()
    {
        var video = await _admin.CreateVideoAsync(rent: 400);
        var code = Unique("TEN");
        var campaign = await CreateCampaignAsync(new { name = "Ten only", percentOff = 2500, duration = "once", appliesTo = "order", code, maxRedemptions = 10 });
        var customers = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            var customer = await _admin.CreateCustomerAsync();
            await _admin.AdjustAsync(customer, "credit", 1000);
            customers.Add(customer);
        }

        var results = await Task.WhenAll(customers.Select(c => OrderWithCouponAsync(api.Customer(c), c, [Rent(video)], code)));

        Assert.Equal(10, results.Count(r => r.Status == HttpStatusCode.Created));
        Assert.All(results.Where(r => r.Status != HttpStatusCode.Created), r => Assert.Equal("coupon_invalid", r.Code));
        Assert.All(results.Where(r => r.Status != HttpStatusCode.Created), r => Assert.Contains("reached its 10 redemption", r.Json["detail"]!.GetValue<string>(), StringComparison.Ordinal));
        var report = (await _admin.GetJsonAsync($"/v1/coupon-campaigns/{campaign}")).Json;
        Assert.Equal(10, report["redemptions"]!.GetValue<int>());
        Assert.Equal(1000, report["discountGranted"]![0]!["amount"]!.GetValue<long>());
        Assert.Equal("EUR", report["discountGranted"]![0]!["currency"]!.GetValue<string>());
        var balances = await Task.WhenAll(customers.Select(c => _admin.BalanceAsync(c, "EUR")));
        Assert.Equal(10, balances.Count(b => b == 700));
        Assert.Equal(40, balances.Count(b => b == 1000));
    }

    [Fact]
    public async Task Redeem_by_is_enforced_at_the_exact_instant()
    {
        var code = Unique("UNTIL");
        var redeemBy = new DateTimeOffset(api.Clock.GetUtcNow().UtcTicks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero).AddHours(1);
        await CreateCampaignAsync(new { name = "Until", percentOff = 1000, duration = "once", appliesTo = "account", code, redeemBy });
        var before = await _admin.CreateCustomerAsync();
        var at = await _admin.CreateCustomerAsync();

        using (api.Clock.FreezeAt(redeemBy.AddTicks(-1)))
        {
            Assert.Equal(HttpStatusCode.OK, (await ApplyAsync(before, code)).Status);
            api.Clock.Advance(TimeSpan.FromTicks(1));
            Assert.Equal(redeemBy, api.Clock.GetUtcNow());
            var refused = await ApplyAsync(at, code);
            Assert.Equal("coupon_invalid", refused.Code);
            Assert.Contains("until " + redeemBy.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), refused.Json["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Expired_campaigns_are_refused_until_restored_and_a_customer_redeems_a_campaign_once()
    {
        var code = Unique("Back-Again");
        var campaign = await CreateCampaignAsync(new { name = "Back", percentOff = 1000, duration = "forever", appliesTo = "account", code });
        var customer = await _admin.CreateCustomerAsync();

        Assert.Equal("expired", (await _admin.PostJsonAsync($"/v1/coupon-campaigns/{campaign}/expire", null)).Json["status"]!.GetValue<string>());
        var refused = await ApplyAsync(customer, code);
        Assert.Equal("coupon_invalid", refused.Code);
        Assert.Contains("expired", refused.Json["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        Assert.Equal("active", (await _admin.PostJsonAsync($"/v1/coupon-campaigns/{campaign}/restore", null)).Json["status"]!.GetValue<string>());
        // Case, spaces and hyphens do not matter.
        Assert.Equal(HttpStatusCode.OK, (await ApplyAsync(customer, " " + code.Replace("-", string.Empty, StringComparison.Ordinal).ToLowerInvariant())).Status);
        var again = await ApplyAsync(customer, code);
        Assert.Equal("coupon_invalid", again.Code);
        Assert.Contains("already redeemed", again.Json["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var unknown = await ApplyAsync(customer, "NO-SUCH-CODE");
        Assert.Equal("coupon_invalid", unknown.Code);
        Assert.Contains("unknown", unknown.Json["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bulk_codes_are_unique_human_friendly_and_each_redeemable_once()
    {
        var created = await _admin.PostJsonAsync("/v1/coupon-campaigns", new { name = "Mailing", percentOff = 2000, duration = "once", appliesTo = "account", bulk = new { count = 100_000, prefix = "mail" } });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var campaign = created.Json["id"]!.GetValue<string>();
        var codes = await api.WithDbAsync(db => db.CouponCodes.Where(c => c.CampaignId == campaign).Select(c => c.Code).ToListAsync());
        Assert.Equal(100_000, codes.Count);
        Assert.Equal(100_000, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes.Take(1000), c => Assert.Matches("^MAIL-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$", c));

        var more = await _admin.PostJsonAsync($"/v1/coupon-campaigns/{campaign}/codes", new { count = 5 });
        Assert.Equal(HttpStatusCode.Created, more.Status);
        Assert.Equal(5, more.Json["codes"]!.AsArray().Count);

        var first = codes[0];
        var alice = await _admin.CreateCustomerAsync();
        var bob = await _admin.CreateCustomerAsync();
        Assert.Equal(HttpStatusCode.OK, (await ApplyAsync(alice, first)).Status);
        var reused = await ApplyAsync(bob, first.ToLowerInvariant());
        Assert.Equal("coupon_invalid", reused.Code);
        Assert.Contains("already been redeemed", reused.Json["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var redeemed = (await _admin.GetJsonAsync($"/v1/coupon-campaigns/{campaign}/codes?redeemed=true")).Json["items"]!.AsArray();
        var only = Assert.Single(redeemed);
        Assert.Equal(first, only!["code"]!.GetValue<string>());
        Assert.Equal(alice, only["redeemedBy"]!.GetValue<string>());
        var page = (await _admin.GetJsonAsync($"/v1/coupon-campaigns/{campaign}/codes?limit=200")).Json;
        Assert.Equal(200, page["items"]!.AsArray().Count);
        Assert.NotNull(page["nextCursor"]);
    }

    [Fact]
    public async Task An_account_coupon_waits_for_the_next_eligible_order_and_shows_in_the_customers_coupons()
    {
        var video = await _admin.CreateVideoAsync(rent: 1000);
        var plan = await _admin.CreatePlanAsync(price: 2000);
        var otherPlan = await _admin.CreatePlanAsync(price: 3000);
        var code = Unique("PLANS");
        var campaign = await CreateCampaignAsync(new { name = "Plan A", amountOff = new { amount = 500, currency = "EUR" }, duration = "once", appliesTo = "subscription", planIds = new[] { plan }, code });
        var customer = await _admin.CreateCustomerAsync();
        await _admin.AdjustAsync(customer, "credit", 10000);
        var client = api.Customer(customer);

        var attached = await client.PostJsonAsync("/v1/coupons/apply", new { code, customerId = customer });
        Assert.Equal("attached", attached.Json["redemption"]!["status"]!.GetValue<string>());

        // Neither a video nor another plan is eligible: the coupon stays attached.
        Assert.Equal(0, (await client.OrderAsync(customer, [Rent(video)])).Json.Amount("discount"));
        Assert.Equal(0, (await client.OrderAsync(customer, [PlanItem(otherPlan)])).Json.Amount("discount"));
        var order = (await client.OrderAsync(customer, [Rent(video), PlanItem(plan)])).Json;
        Assert.Equal(500, order.Amount("discount"));
        Assert.Equal([0L, 500L], order["items"]!.AsArray().Select(i => i!.Amount("discount")).ToArray());
        Assert.Equal(2500, order.Amount("total"));
        Assert.Equal(0, (await client.OrderAsync(customer, [PlanItem(plan)])).Json.Amount("discount"));

        var coupons = (await client.GetJsonAsync($"/v1/customers/{customer}/coupons")).Json["items"]!.AsArray();
        var used = Assert.Single(coupons);
        Assert.Equal("applied", used!["status"]!.GetValue<string>());
        Assert.Equal(order["id"]!.GetValue<string>(), used["orderId"]!.GetValue<string>());
        Assert.Equal(500, used["discount"]!["amount"]!.GetValue<long>());
        Assert.Equal(campaign, used["campaignId"]!.GetValue<string>());

        var stranger = await _admin.CreateCustomerAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await api.Customer(stranger).GetJsonAsync($"/v1/customers/{customer}/coupons")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostJsonAsync("/v1/coupon-campaigns", new { name = "mine", percentOff = 10000, duration = "once", appliesTo = "order", code = Unique("FREE") })).Status);
    }

    [Fact]
    public async Task An_attached_coupon_discounts_exactly_one_of_several_concurrent_orders()
    {
        var video = await _admin.CreateVideoAsync(rent: 1000);
        var code = Unique("RACE");
        await CreateCampaignAsync(new { name = "Race", amountOff = new { amount = 300, currency = "EUR" }, duration = "once", appliesTo = "account", code });
        var customer = await _admin.CreateCustomerAsync();
        await _admin.AdjustAsync(customer, "credit", 10000);
        Assert.Equal(HttpStatusCode.OK, (await ApplyAsync(customer, code)).Status);

        var orders = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => api.Customer(customer).OrderAsync(customer, [Rent(video)])));

        Assert.All(orders, o => Assert.Equal(HttpStatusCode.Created, o.Status));
        Assert.Equal(1, orders.Count(o => o.Json.Amount("discount") == 300));
        Assert.Equal(7, orders.Count(o => o.Json.Amount("discount") == 0));
        Assert.Equal(10000 - (8 * 1000) + 300, await _admin.BalanceAsync(customer, "EUR"));
    }

    [Fact]
    public async Task A_coupon_applied_to_an_order_awaiting_authentication_lowers_what_the_card_is_charged()
    {
        await SetTaxAsync("SE", 2500);
        try
        {
            var video = await _admin.CreateVideoAsync(buy: 2000);
            var code = Unique("LATE");
            await CreateCampaignAsync(new { name = "Late", percentOff = 5000, duration = "once", appliesTo = "order", code });
            var customer = await _admin.CreateCustomerAsync();
            var client = api.Customer(customer);
            var placed = (await client.OrderAsync(customer, [Buy(video)], "gateway", "pm_card_threeDSecureRequired")).Json;
            Assert.Equal("requires_action", placed["status"]!.GetValue<string>());
            var orderId = placed["id"]!.GetValue<string>();

            var applied = await client.PostJsonAsync("/v1/coupons/apply", new { code, customerId = customer, orderId });

            Assert.Equal(HttpStatusCode.OK, applied.Status);
            var order = applied.Json["order"]!;
            Assert.Equal(1000, order.Amount("discount"));
            Assert.Equal(1000, order.Amount("total"));
            Assert.Equal(200, order.Amount("tax"));
            var paymentId = order["payment"]!["id"]!.GetValue<string>();
            var confirmed = await client.PostJsonAsync($"/v1/payments/{paymentId}/confirm", null);
            Assert.Equal(HttpStatusCode.OK, confirmed.Status);
            var payment = (await client.GetJsonAsync($"/v1/payments/{paymentId}")).Json;
            Assert.Equal("succeeded", payment["status"]!.GetValue<string>());
            Assert.Equal(1000, payment.Amount("amount"));
            Assert.Equal("paid", (await client.GetJsonAsync($"/v1/orders/{orderId}")).Json["status"]!.GetValue<string>());

            var second = await client.PostJsonAsync("/v1/coupons/apply", new { code = Unique("NOPE"), customerId = customer, orderId });
            Assert.Equal("coupon_invalid", second.Code);
            var stranger = await _admin.CreateCustomerAsync();
            Assert.Equal(HttpStatusCode.NotFound, (await api.Customer(stranger).PostJsonAsync("/v1/coupons/apply", new { code, customerId = customer, orderId })).Status);
        }
        finally
        {
            await SetTaxAsync("SE", 0);
        }
    }

    [Fact]
    public async Task A_declined_card_does_not_burn_the_coupon()
    {
        var video = await _admin.CreateVideoAsync(rent: 1000);
        var code = Unique("KEEP");
        await CreateCampaignAsync(new { name = "Keep", percentOff = 2000, duration = "once", appliesTo = "order", code, maxRedemptions = 1 });
        var customer = await _admin.CreateCustomerAsync();
        await _admin.AdjustAsync(customer, "credit", 5000);
        var client = api.Customer(customer);

        var declined = await OrderWithCouponAsync(client, customer, [Rent(video)], code, method: "gateway", paymentMethod: "pm_card_chargeDeclined");
        Assert.Equal("failed", declined.Json["status"]!.GetValue<string>());
        var kept = Assert.Single((await client.GetJsonAsync($"/v1/customers/{customer}/coupons")).Json["items"]!.AsArray());
        Assert.Equal("attached", kept!["status"]!.GetValue<string>());

        var paid = (await client.OrderAsync(customer, [Rent(video)])).Json;
        Assert.Equal(200, paid.Amount("discount"));
        Assert.Equal(5000 - 800, await _admin.BalanceAsync(customer, "EUR"));
    }

    [Fact]
    public async Task A_replayed_order_redeems_its_coupon_once()
    {
        var video = await _admin.CreateVideoAsync(rent: 800);
        var code = Unique("ONCE");
        var campaign = await CreateCampaignAsync(new { name = "Once", percentOff = 5000, duration = "once", appliesTo = "order", code, maxRedemptions = 5 });
        var customer = await _admin.CreateCustomerAsync();
        await _admin.AdjustAsync(customer, "credit", 1000);
        var key = Guid.NewGuid().ToString("N");

        var first = await OrderWithCouponAsync(_admin, customer, [Rent(video)], code, key: key);
        var replay = await OrderWithCouponAsync(_admin, customer, [Rent(video)], code, key: key);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(first.Json.Compact(), replay.Json.Compact());
        Assert.Equal("true", replay.Raw.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1, (await _admin.GetJsonAsync($"/v1/coupon-campaigns/{campaign}")).Json["redemptions"]!.GetValue<int>());
        Assert.Equal(600, await _admin.BalanceAsync(customer, "EUR"));
    }

    [Fact]
    public async Task Campaigns_are_edited_listed_and_refuse_a_cap_below_their_redemptions()
    {
        var code = Unique("EDIT");
        var campaign = await CreateCampaignAsync(new { name = "Draft", percentOff = 500, duration = "repeating", durationInMonths = 3, appliesTo = "subscription", code });
        await ApplyAsync(await _admin.CreateCustomerAsync(), code);
        await ApplyAsync(await _admin.CreateCustomerAsync(), code);

        var tooLow = await _admin.SendJsonAsync(HttpMethod.Patch, $"/v1/coupon-campaigns/{campaign}", new { maxRedemptions = 1 });
        Assert.Equal("validation_failed", tooLow.Code);
        var edited = await _admin.SendJsonAsync(HttpMethod.Patch, $"/v1/coupon-campaigns/{campaign}", new { name = "Final", maxRedemptions = 2 });
        Assert.Equal("Final", edited.Json["name"]!.GetValue<string>());
        Assert.Equal(2, edited.Json["maxRedemptions"]!.GetValue<int>());
        Assert.Equal(3, edited.Json["durationInMonths"]!.GetValue<int>());
        var exhausted = await ApplyAsync(await _admin.CreateCustomerAsync(), code);
        Assert.Contains("reached its 2 redemption", exhausted.Json["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var listed = (await _admin.GetJsonAsync("/v1/coupon-campaigns?status=active&limit=200")).Json["items"]!.AsArray();
        Assert.Contains(listed, c => c!["id"]!.GetValue<string>() == campaign);
        Assert.Equal(HttpStatusCode.Conflict, (await _admin.PostJsonAsync("/v1/coupon-campaigns", new { name = "Dup", percentOff = 500, duration = "once", appliesTo = "order", code = code.ToLowerInvariant() })).Status);
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8].ToUpperInvariant()}";

    private async Task<string> CreateCampaignAsync(object body)
    {
        var response = await _admin.PostJsonAsync("/v1/coupon-campaigns", body);
        Assert.Equal(HttpStatusCode.Created, response.Status);
        return response.Json["id"]!.GetValue<string>();
    }

    private Task<ApiResponse> ApplyAsync(string customerId, string code) =>
        api.Customer(customerId).PostJsonAsync("/v1/coupons/apply", new { code, customerId });

    private static Task<ApiResponse> OrderWithCouponAsync(
        HttpClient client, string customerId, object[] items, string couponCode, string method = "wallet", string? paymentMethod = null, string? currency = null, string? key = null) =>
        client.PostJsonAsync(
            "/v1/orders",
            new { customerId, items, currency, couponCode, payment = new { method, gateway = method == "gateway" ? "sandbox" : null, paymentMethod } },
            key);

    private async Task SetTaxAsync(string country, int bps) =>
        Assert.Equal(HttpStatusCode.OK, (await _admin.SendJsonAsync(HttpMethod.Put, "/v1/settings", new { taxRates = new[] { new { country, rateBps = bps } } })).Status);
}

[Collection("sqlite")]
public sealed class SqliteCouponTests(SqliteApiFixture api) : CouponTests(api);

[Collection("postgres")]
public sealed class PostgresCouponTests(PostgresApiFixture api) : CouponTests(api);
