using System.Globalization;
using System.Net;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Application.Coupons;
using CleanPrepay.Application.Orders;
using CleanPrepay.Domain.Coupons;
using CleanPrepay.Domain.Orders;
using CleanPrepay.Domain.Payments;
using CleanPrepay.WebApi.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using static CleanPrepay.WebApi.IntegrationTests.Support.CatalogHelpers;

namespace CleanPrepay.WebApi.IntegrationTests;

public abstract class CouponTests(ApiFixture api)
{
    private readonly HttpClient _admin = api.Admin();
    private readonly Given _given = new(api);

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
            await _given.CampaignAsync(new { name = "Spring", percentOff = 1500, duration = "once", appliesTo = "order", code });
            var (customer, client) = await _given.CustomerAsync(eur: 10000);

            var order = await OrderWithCouponAsync(client, customer, [Rent(rental), Buy(bought), PlanItem(plan)], code.ToLowerInvariant());

            Assert.Equal(HttpStatusCode.Created, order.Status);
            var o = order.As<OrderDto>();
            // 15 % of 2697 = 404.55, rounded toward zero: 404, split 399 : 1299 : 999 by largest remainder.
            Assert.Equal(2697, o.Subtotal.Amount);
            Assert.Equal(404, o.Discount.Amount);
            Assert.Equal(2293, o.Total.Amount);
            Assert.Equal([60L, 194L, 150L], o.Items.Select(i => i.Discount.Amount).ToArray());
            // VAT on what is left: 2293 × 2500 / 12500 = 458.6 → 459, split 339 : 1105 : 849.
            Assert.Equal(459, o.Tax.Amount);
            Assert.Equal([68L, 221L, 170L], o.Items.Select(i => i.Tax.Amount).ToArray());
            Assert.Equal(10000 - 2293, await _admin.BalanceAsync(customer, "EUR"));
            Assert.Equal(-2293, (await _admin.LedgerAsync(customer)).First().Amount!.Amount);
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
        await _given.CampaignAsync(new { name = "Five off", amountOff = new { amount = 500, currency = "EUR" }, duration = "once", appliesTo = "order", code });
        var customer = await _admin.CreateCustomerAsync();

        var sek = await OrderWithCouponAsync(_admin, customer, [Rent(video)], code, currency: "SEK");
        Assert.Equal("coupon_invalid", sek.Code);
        Assert.Contains("no amount off in SEK", sek.Json["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var free = await OrderWithCouponAsync(_admin, customer, [Rent(video)], code, method: "gateway", paymentMethod: "pm_card_chargeDeclined");
        Assert.Equal(HttpStatusCode.Created, free.Status);
        var paid = free.As<OrderDto>();
        Assert.Equal(OrderStatus.Paid, paid.Status);
        Assert.Equal(399, paid.Discount.Amount);
        Assert.Equal(0, paid.Total.Amount);
        Assert.Equal(0, paid.Tax.Amount);
        Assert.Equal(PaymentStatus.Succeeded, paid.Payment!.Status);
        Assert.Single(paid.Accesses);
        Assert.Empty(await _admin.TransactionsAsync(customer));
    }

    [Fact]
    public async Task The_redemption_cap_holds_under_fifty_concurrent_orders()
    {
        var video = await _admin.CreateVideoAsync(rent: 400);
        var code = Unique("TEN");
        var campaign = (await _given.CampaignAsync(new { name = "Ten only", percentOff = 2500, duration = "once", appliesTo = "order", code, maxRedemptions = 10 })).Id;
        var shoppers = new List<Shopper>();
        for (var i = 0; i < 50; i++)
        {
            shoppers.Add(await _given.CustomerAsync(eur: 1000));
        }

        var results = await Task.WhenAll(shoppers.Select(s => OrderWithCouponAsync(s.Client, s.Id, [Rent(video)], code)));

        Assert.Equal(10, results.Count(r => r.Status == HttpStatusCode.Created));
        Assert.All(results.Where(r => r.Status != HttpStatusCode.Created), r => Assert.Equal("coupon_invalid", r.Code));
        Assert.All(results.Where(r => r.Status != HttpStatusCode.Created), r => Assert.Contains("reached its 10 redemption", r.Json["detail"]!.GetValue<string>(), StringComparison.Ordinal));
        var report = (await _admin.GetJsonAsync($"/v1/coupon-campaigns/{campaign}")).As<CouponCampaignDto>();
        Assert.Equal(10, report.Redemptions);
        Assert.Equal(1000, report.DiscountGranted[0].Amount);
        Assert.Equal("EUR", report.DiscountGranted[0].Currency);
        var balances = await Task.WhenAll(shoppers.Select(s => _admin.BalanceAsync(s.Id, "EUR")));
        Assert.Equal(10, balances.Count(b => b == 700));
        Assert.Equal(40, balances.Count(b => b == 1000));
    }

    [Fact]
    public async Task Redeem_by_is_enforced_at_the_exact_instant()
    {
        var code = Unique("UNTIL");
        var redeemBy = new DateTimeOffset(api.Clock.GetUtcNow().UtcTicks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero).AddHours(1);
        await _given.CampaignAsync(new { name = "Until", percentOff = 1000, duration = "once", appliesTo = "account", code, redeemBy });
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
        var campaign = (await _given.CampaignAsync(new { name = "Back", percentOff = 1000, duration = "forever", appliesTo = "account", code })).Id;
        var customer = await _admin.CreateCustomerAsync();

        Assert.Equal(CampaignStatus.Expired, (await _admin.PostJsonAsync($"/v1/coupon-campaigns/{campaign}/expire", null)).As<CouponCampaignDto>().Status);
        var refused = await ApplyAsync(customer, code);
        Assert.Equal("coupon_invalid", refused.Code);
        Assert.Contains("expired", refused.Json["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        Assert.Equal(CampaignStatus.Active, (await _admin.PostJsonAsync($"/v1/coupon-campaigns/{campaign}/restore", null)).As<CouponCampaignDto>().Status);
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
        var campaign = (await _given.CampaignAsync(new { name = "Mailing", percentOff = 2000, duration = "once", appliesTo = "account", bulk = new { count = 100_000, prefix = "mail" } })).Id;
        var codes = await api.WithDbAsync(db => db.CouponCodes.Where(c => c.CampaignId == campaign).Select(c => c.Code).ToListAsync());
        Assert.Equal(100_000, codes.Count);
        Assert.Equal(100_000, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes.Take(1000), c => Assert.Matches("^MAIL-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$", c));

        var more = await _admin.PostJsonAsync($"/v1/coupon-campaigns/{campaign}/codes", new { count = 5 });
        Assert.Equal(HttpStatusCode.Created, more.Status);
        Assert.Equal(5, more.As<GeneratedCodesDto>().Codes.Count);

        var first = codes[0];
        var alice = await _admin.CreateCustomerAsync();
        var bob = await _admin.CreateCustomerAsync();
        Assert.Equal(HttpStatusCode.OK, (await ApplyAsync(alice, first)).Status);
        var reused = await ApplyAsync(bob, first.ToLowerInvariant());
        Assert.Equal("coupon_invalid", reused.Code);
        Assert.Contains("already been redeemed", reused.Json["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var redeemed = (await _admin.GetJsonAsync($"/v1/coupon-campaigns/{campaign}/codes?redeemed=true")).Items<CouponCodeDto>();
        var only = Assert.Single(redeemed);
        Assert.Equal(first, only.Code);
        Assert.Equal(alice, only.RedeemedBy);
        var page = (await _admin.GetJsonAsync($"/v1/coupon-campaigns/{campaign}/codes?limit=200")).As<Page<CouponCodeDto>>();
        Assert.Equal(200, page.Items.Count);
        Assert.NotNull(page.NextCursor);
    }

    [Fact]
    public async Task An_account_coupon_waits_for_the_next_eligible_order_and_shows_in_the_customers_coupons()
    {
        var video = await _admin.CreateVideoAsync(rent: 1000);
        var plan = await _admin.CreatePlanAsync(price: 2000);
        var otherPlan = await _admin.CreatePlanAsync(price: 3000);
        var code = Unique("PLANS");
        var campaign = (await _given.CampaignAsync(new { name = "Plan A", amountOff = new { amount = 500, currency = "EUR" }, duration = "once", appliesTo = "subscription", planIds = new[] { plan }, code })).Id;
        var (customer, client) = await _given.CustomerAsync(eur: 10000);

        var attached = await client.PostJsonAsync("/v1/coupons/apply", new { code, customerId = customer });
        Assert.Equal(RedemptionStatus.Attached, attached.As<AppliedCouponDto>().Redemption.Status);

        // Neither a video nor another plan is eligible: the coupon stays attached.
        Assert.Equal(0, (await client.OrderAsync(customer, [Rent(video)])).As<OrderDto>().Discount.Amount);
        Assert.Equal(0, (await client.OrderAsync(customer, [PlanItem(otherPlan)])).As<OrderDto>().Discount.Amount);
        var order = (await client.OrderAsync(customer, [Rent(video), PlanItem(plan)])).As<OrderDto>();
        Assert.Equal(500, order.Discount.Amount);
        Assert.Equal([0L, 500L], order.Items.Select(i => i.Discount.Amount).ToArray());
        Assert.Equal(2500, order.Total.Amount);
        Assert.Equal(0, (await client.OrderAsync(customer, [PlanItem(plan)])).As<OrderDto>().Discount.Amount);

        var coupons = (await client.GetJsonAsync($"/v1/customers/{customer}/coupons")).Items<CouponRedemptionDto>();
        var used = Assert.Single(coupons);
        Assert.Equal(RedemptionStatus.Applied, used.Status);
        Assert.Equal(order.Id, used.OrderId);
        Assert.Equal(500, used.Discount!.Amount);
        Assert.Equal(campaign, used.CampaignId);

        var stranger = (await _given.CustomerAsync()).Client;
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetJsonAsync($"/v1/customers/{customer}/coupons")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostJsonAsync("/v1/coupon-campaigns", new { name = "mine", percentOff = 10000, duration = "once", appliesTo = "order", code = Unique("FREE") })).Status);
    }

    [Fact]
    public async Task An_attached_coupon_discounts_exactly_one_of_several_concurrent_orders()
    {
        var video = await _admin.CreateVideoAsync(rent: 1000);
        var code = Unique("RACE");
        await _given.CampaignAsync(new { name = "Race", amountOff = new { amount = 300, currency = "EUR" }, duration = "once", appliesTo = "account", code });
        var (customer, client) = await _given.CustomerAsync(eur: 10000);
        Assert.Equal(HttpStatusCode.OK, (await ApplyAsync(customer, code)).Status);

        var orders = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.OrderAsync(customer, [Rent(video)])));

        Assert.All(orders, o => Assert.Equal(HttpStatusCode.Created, o.Status));
        Assert.Equal(1, orders.Count(o => o.As<OrderDto>().Discount.Amount == 300));
        Assert.Equal(7, orders.Count(o => o.As<OrderDto>().Discount.Amount == 0));
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
            await _given.CampaignAsync(new { name = "Late", percentOff = 5000, duration = "once", appliesTo = "order", code });
            var (customer, client) = await _given.CustomerAsync();
            var placed = (await client.OrderAsync(customer, [Buy(video)], "gateway", "pm_card_threeDSecureRequired")).As<OrderDto>();
            Assert.Equal(OrderStatus.RequiresAction, placed.Status);
            var orderId = placed.Id;

            var applied = await client.PostJsonAsync("/v1/coupons/apply", new { code, customerId = customer, orderId });

            Assert.Equal(HttpStatusCode.OK, applied.Status);
            var order = applied.As<AppliedCouponDto>().Order!;
            Assert.Equal(1000, order.Discount.Amount);
            Assert.Equal(1000, order.Total.Amount);
            Assert.Equal(200, order.Tax.Amount);
            var paymentId = order.Payment!.Id;
            var confirmed = await client.PostJsonAsync($"/v1/payments/{paymentId}/confirm", null);
            Assert.Equal(HttpStatusCode.OK, confirmed.Status);
            var payment = await client.GetPaymentAsync(paymentId);
            Assert.Equal(PaymentStatus.Succeeded, payment.Status);
            Assert.Equal(1000, payment.Amount.Amount);
            Assert.Equal(OrderStatus.Paid, (await client.GetOrderAsync(orderId)).Status);

            var second = await client.PostJsonAsync("/v1/coupons/apply", new { code = Unique("NOPE"), customerId = customer, orderId });
            Assert.Equal("coupon_invalid", second.Code);
            var stranger = (await _given.CustomerAsync()).Client;
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostJsonAsync("/v1/coupons/apply", new { code, customerId = customer, orderId })).Status);
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
        await _given.CampaignAsync(new { name = "Keep", percentOff = 2000, duration = "once", appliesTo = "order", code, maxRedemptions = 1 });
        var (customer, client) = await _given.CustomerAsync(eur: 5000);

        var declined = await OrderWithCouponAsync(client, customer, [Rent(video)], code, method: "gateway", paymentMethod: "pm_card_chargeDeclined");
        Assert.Equal(OrderStatus.Failed, declined.As<OrderDto>().Status);
        var kept = Assert.Single((await client.GetJsonAsync($"/v1/customers/{customer}/coupons")).Items<CouponRedemptionDto>());
        Assert.Equal(RedemptionStatus.Attached, kept.Status);

        var paid = (await client.OrderAsync(customer, [Rent(video)])).As<OrderDto>();
        Assert.Equal(200, paid.Discount.Amount);
        Assert.Equal(5000 - 800, await _admin.BalanceAsync(customer, "EUR"));
    }

    [Fact]
    public async Task A_replayed_order_redeems_its_coupon_once()
    {
        var video = await _admin.CreateVideoAsync(rent: 800);
        var code = Unique("ONCE");
        var campaign = (await _given.CampaignAsync(new { name = "Once", percentOff = 5000, duration = "once", appliesTo = "order", code, maxRedemptions = 5 })).Id;
        var customer = (await _given.CustomerAsync(eur: 1000)).Id;
        var key = Guid.NewGuid().ToString("N");

        var first = await OrderWithCouponAsync(_admin, customer, [Rent(video)], code, key: key);
        var replay = await OrderWithCouponAsync(_admin, customer, [Rent(video)], code, key: key);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(first.Json.Compact(), replay.Json.Compact()); // the replay is the same bytes, so compared raw
        Assert.Equal("true", replay.Raw.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1, (await _admin.GetJsonAsync($"/v1/coupon-campaigns/{campaign}")).As<CouponCampaignDto>().Redemptions);
        Assert.Equal(600, await _admin.BalanceAsync(customer, "EUR"));
    }

    [Fact]
    public async Task Campaigns_are_edited_listed_and_refuse_a_cap_below_their_redemptions()
    {
        var code = Unique("EDIT");
        var campaign = (await _given.CampaignAsync(new { name = "Draft", percentOff = 500, duration = "repeating", durationInMonths = 3, appliesTo = "subscription", code })).Id;
        await ApplyAsync(await _admin.CreateCustomerAsync(), code);
        await ApplyAsync(await _admin.CreateCustomerAsync(), code);

        var tooLow = await _admin.SendJsonAsync(HttpMethod.Patch, $"/v1/coupon-campaigns/{campaign}", new { maxRedemptions = 1 });
        Assert.Equal("validation_failed", tooLow.Code);
        var edited = await _admin.SendJsonAsync(HttpMethod.Patch, $"/v1/coupon-campaigns/{campaign}", new { name = "Final", maxRedemptions = 2 });
        var final = edited.As<CouponCampaignDto>();
        Assert.Equal("Final", final.Name);
        Assert.Equal(2, final.MaxRedemptions);
        Assert.Equal(3, final.DurationInMonths);
        var exhausted = await ApplyAsync(await _admin.CreateCustomerAsync(), code);
        Assert.Contains("reached its 2 redemption", exhausted.Json["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var listed = (await _admin.GetJsonAsync("/v1/coupon-campaigns?status=active&limit=200")).Items<CouponCampaignDto>();
        Assert.Contains(listed, c => c.Id == campaign);
        Assert.Equal(HttpStatusCode.Conflict, (await _admin.PostJsonAsync("/v1/coupon-campaigns", new { name = "Dup", percentOff = 500, duration = "once", appliesTo = "order", code = code.ToLowerInvariant() })).Status);
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8].ToUpperInvariant()}";

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
