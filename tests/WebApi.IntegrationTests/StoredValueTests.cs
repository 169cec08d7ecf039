using System.Net;
using System.Text.Json.Nodes;
using CleanPrepay.Application.BonusRules;
using CleanPrepay.Application.Coupons;
using CleanPrepay.Application.Orders;
using CleanPrepay.Application.Packages;
using CleanPrepay.Application.Payments;
using CleanPrepay.Application.Payments.RefundPayment;
using CleanPrepay.Application.Subscriptions;
using CleanPrepay.Application.Wallets;
using CleanPrepay.Domain.Coupons;
using CleanPrepay.Domain.Orders;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Domain.Subscriptions;
using CleanPrepay.Domain.Wallets;
using CleanPrepay.WebApi.IntegrationTests.Support;
using static CleanPrepay.WebApi.IntegrationTests.Support.CatalogHelpers;

namespace CleanPrepay.WebApi.IntegrationTests;

/// <summary>
/// Stored value (wallet money and credits) is created only against money that came in from outside,
/// and goes back out once: packages are paid by card or gateway only and discounted only by a campaign
/// that names them; a refund reverses what the order granted; what was already given back (a plan
/// change's credit) is not refunded again. Issue 12, items 4, 5 and 12.
/// </summary>
public abstract class StoredValueTests(ApiFixture api)
{
    private readonly HttpClient _admin = api.Admin();
    private readonly Given _given = new(api);

    // ---- item 4: packages are paid by card or gateway, never from the wallet, never discounted unless named ----

    [Fact]
    public async Task A_package_cannot_be_bought_with_wallet_money_or_credits()
    {
        var bonusPack = await PackageAsync(1000, grantAmount: 1100);
        var creditPack = await PackageAsync(500, grantCredits: 10);
        var (customer, client) = await _given.CustomerAsync(eur: 1000, credits: 20);

        var fromWallet = await client.OrderAsync(customer, [new { packageId = bonusPack }]);
        var withCredits = await client.OrderAsync(customer, [new { packageId = creditPack }], method: "credits");

        Assert.Equal((HttpStatusCode.UnprocessableEntity, "wallet_not_accepted"), (fromWallet.Status, fromWallet.Code));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, withCredits.Status);
        Assert.Equal(1000, await _admin.BalanceAsync(customer, "EUR"));
        Assert.Equal(20, await _admin.CreditsAsync(customer));
        Assert.Equal(2, (await _admin.TransactionsAsync(customer)).Count);
        Assert.Empty((await _admin.GetJsonAsync($"/v1/customers/{customer}/orders")).Items<OrderDto>());
    }

    [Fact]
    public async Task Order_and_account_coupons_do_not_discount_a_package()
    {
        var package = await PackageAsync(450, grantCredits: 5);
        var video = await _admin.CreateVideoAsync(buy: 1500);
        var orderCode = await CampaignAsync(new { name = "All free", percentOff = 10000, duration = "once", appliesTo = "order" });
        var (customer, client) = await _given.CustomerAsync();

        var onlyPackage = await client.PostJsonAsync("/v1/orders", new { customerId = customer, items = new[] { new { packageId = package } }, couponCode = orderCode, payment = Card("pm_card_visa") });
        var mixed = await client.PostJsonAsync("/v1/orders", new { customerId = customer, items = new object[] { Buy(video), new { packageId = package } }, couponCode = orderCode, payment = Card("pm_card_visa") });

        Assert.Equal("coupon_invalid", onlyPackage.Code);
        Assert.Equal(HttpStatusCode.Created, mixed.Status);
        var m = mixed.As<OrderDto>();
        Assert.Equal((1950L, 1500L, 450L), (m.Subtotal.Amount, m.Discount.Amount, m.Total.Amount));
        Assert.Equal([1500L, 0L], m.Items.Select(i => i.Discount.Amount).ToArray());
        Assert.Equal(5, await _admin.CreditsAsync(customer));

        // An account coupon waits for an order it may discount: a package order is not one, and the coupon stays attached.
        var accountCode = await CampaignAsync(new { name = "Account free", percentOff = 10000, duration = "once", appliesTo = "account" });
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync("/v1/coupons/apply", new { code = accountCode, customerId = customer })).Status);
        var packageOrder = (await client.OrderAsync(customer, [new { packageId = package }], "gateway", "pm_card_visa")).As<OrderDto>();
        Assert.Equal((0L, 450L, OrderStatus.Paid), (packageOrder.Discount.Amount, packageOrder.Total.Amount, packageOrder.Status));
        var coupons = (await client.GetJsonAsync($"/v1/customers/{customer}/coupons")).Items<CouponRedemptionDto>();
        Assert.Equal(RedemptionStatus.Attached, coupons.Single(c => c.Code == accountCode).Status);

        // Nor can a coupon be applied afterwards to a package order still awaiting its payment.
        var secure = (await client.OrderAsync(customer, [new { packageId = package }], "gateway", "pm_card_threeDSecureRequired")).As<OrderDto>();
        var later = await client.PostJsonAsync("/v1/coupons/apply", new { code = await CampaignAsync(new { name = "Later", percentOff = 10000, duration = "once", appliesTo = "order" }), customerId = customer, orderId = secure.Id });
        Assert.Equal("coupon_invalid", later.Code);
        Assert.Equal(450, (await client.GetOrderAsync(secure.Id)).Total.Amount);
        Assert.Equal(10, await _admin.CreditsAsync(customer));
    }

    [Fact]
    public async Task A_campaign_that_names_a_package_discounts_that_package_only()
    {
        var named = await PackageAsync(1000, grantCredits: 20);
        var other = await PackageAsync(1000, grantCredits: 20);
        var (code, id) = await CampaignWithIdAsync(new { name = "Half a pack", percentOff = 5000, duration = "once", appliesTo = "order", packageIds = new[] { named } });
        var (customer, client) = await _given.CustomerAsync();

        var discounted = await client.PostJsonAsync("/v1/orders", new { customerId = customer, items = new object[] { new { packageId = named }, new { packageId = other } }, couponCode = code, payment = Card("pm_card_visa") });
        var onSubscription = await _admin.PostJsonAsync("/v1/coupon-campaigns", new { name = "x", percentOff = 5000, duration = "once", appliesTo = "subscription", packageIds = new[] { named }, code = Unique() });
        var unknown = await _admin.PostJsonAsync("/v1/coupon-campaigns", new { name = "x", percentOff = 5000, duration = "once", appliesTo = "order", packageIds = new[] { "pkg_nope" }, code = Unique() });

        Assert.Equal(HttpStatusCode.Created, discounted.Status);
        var d = discounted.As<OrderDto>();
        Assert.Equal((500L, 1500L), (d.Discount.Amount, d.Total.Amount));
        Assert.Equal([500L, 0L], d.Items.Select(i => i.Discount.Amount).ToArray());
        Assert.Equal("validation_failed", onSubscription.Code);
        Assert.Equal("not_found", unknown.Code);
        var campaign = (await _admin.GetJsonAsync($"/v1/coupon-campaigns/{id}")).As<CouponCampaignDto>();
        Assert.Equal([named], campaign.PackageIds.ToArray());
    }

    // ---- item 5: a refund reverses the stored value the order granted ----

    [Fact]
    public async Task A_full_refund_of_a_package_order_reverses_its_grant_even_past_the_negative_limit()
    {
        var package = await PackageAsync(1000, grantAmount: 1200);
        var video = await _admin.CreateVideoAsync(buy: 1000);
        var (customer, client) = await _given.CustomerAsync();
        var bought = (await client.OrderAsync(customer, [new { packageId = package }], "gateway", "pm_card_visa")).As<OrderDto>();
        Assert.Equal(1200, await _admin.BalanceAsync(customer, "EUR"));
        Assert.Equal(HttpStatusCode.Created, (await client.OrderAsync(customer, [Buy(video)])).Status);

        var refund = await _admin.PostJsonAsync($"/v1/payments/{PaymentOf(bought)}/refunds", new { });

        Assert.Equal((HttpStatusCode.Created, PaymentStatus.Succeeded), (refund.Status, refund.As<RefundDto>().Status));
        Assert.Equal(1000, refund.As<RefundDto>().Amount.Amount);
        Assert.Equal(200 - 1200, await _admin.BalanceAsync(customer, "EUR"));
        var ledger = await _admin.LedgerAsync(customer);
        var reversal = ledger.Single(e => e.Kind == LedgerEntryKind.Reversal);
        Assert.Equal((-1200L, -1000L, bought.Id), (reversal.Amount!.Amount, reversal.BalanceAfter.Amount, reversal.Reference));
        Assert.Equal(-1000, ledger.Sum(e => e.Amount!.Amount));
        // Overdrawn: no further wallet payment is accepted.
        Assert.True((await client.GetJsonAsync($"/v1/customers/{customer}/wallet")).As<WalletDto>().Overdrawn);
        Assert.Equal("insufficient_balance", (await client.OrderAsync(customer, [Rent(await _admin.CreateVideoAsync(rent: 1))])).Code);
        // Refunding again reverses nothing more.
        Assert.Equal(HttpStatusCode.Conflict, (await _admin.PostJsonAsync($"/v1/payments/{PaymentOf(bought)}/refunds", new { })).Status);
        Assert.Single(await _admin.LedgerAsync(customer), e => e.Kind == LedgerEntryKind.Reversal);
    }

    [Fact]
    public async Task Partial_refunds_reverse_a_grant_in_proportion_rounded_down_until_the_last_takes_the_rest()
    {
        var package = await PackageAsync(1000, grantAmount: 1100);
        var credits = await PackageAsync(1000, grantCredits: 10);
        var (customer, client) = await _given.CustomerAsync();
        var money = (await client.OrderAsync(customer, [new { packageId = package }], "gateway", "pm_card_visa")).As<OrderDto>();
        var pack = (await client.OrderAsync(customer, [new { packageId = credits }], "gateway", "pm_card_visa")).As<OrderDto>();

        var reversed = new List<long>();
        var reversedCredits = new List<long>();
        foreach (var body in new object[] { new { amount = new { amount = 333, currency = "EUR" } }, new { amount = new { amount = 333, currency = "EUR" } }, new { } })
        {
            Assert.Equal(HttpStatusCode.Created, (await _admin.PostJsonAsync($"/v1/payments/{PaymentOf(money)}/refunds", body)).Status);
            Assert.Equal(HttpStatusCode.Created, (await _admin.PostJsonAsync($"/v1/payments/{PaymentOf(pack)}/refunds", body)).Status);
            var last = (await _admin.LedgerAsync(customer)).Where(e => e.Kind == LedgerEntryKind.Reversal).ToList();
            reversed.Add(-last.Sum(e => e.Amount?.Amount ?? 0));
            reversedCredits.Add(-last.Sum(e => e.Credits ?? 0));
        }

        // Cumulative reversal = grant × refunded ÷ paid, rounded down: 1100 × 333/1000 = 366.3 → 366, × 666/1000 = 732.6 → 732, then all 1100.
        Assert.Equal([366L, 732L, 1100L], reversed);
        Assert.Equal([3L, 6L, 10L], reversedCredits);
        Assert.Equal(0, await _admin.BalanceAsync(customer, "EUR"));
        Assert.Equal(0, await _admin.CreditsAsync(customer));
        var ledger = await _admin.LedgerAsync(customer);
        Assert.Equal(0, ledger.Sum(e => e.Amount?.Amount ?? 0));
        Assert.Equal(0, ledger.Sum(e => e.Credits ?? 0));
    }

    [Fact]
    public async Task A_refund_of_a_bonus_granting_plan_order_takes_the_bonus_back()
    {
        var annual = await _admin.CreatePlanAsync(price: 9900, interval: "year");
        var rule = await _admin.PostJsonAsync("/v1/bonus-rules", new { trigger = "subscription_purchased", planId = annual, grantCredits = 12 });
        var cash = await _admin.PostJsonAsync("/v1/bonus-rules", new { trigger = "subscription_purchased", planId = annual, grantAmount = new { amount = 500, currency = "EUR" } });
        var (customer, client) = await _given.CustomerAsync(eur: 9900);
        var order = (await client.OrderAsync(customer, [PlanItem(annual)])).As<OrderDto>();
        Assert.Equal((12L, 500L), (await _admin.CreditsAsync(customer), await _admin.BalanceAsync(customer, "EUR")));
        await _admin.AdjustAsync(customer, "debit", credits: 12); // the credits were spent

        var refund = await _admin.PostJsonAsync($"/v1/payments/{PaymentOf(order)}/refunds", new { });

        Assert.Equal(HttpStatusCode.Created, refund.Status);
        Assert.Equal(9900, await _admin.BalanceAsync(customer, "EUR"));
        Assert.Equal(-12, await _admin.CreditsAsync(customer));
        var reversals = (await _admin.LedgerAsync(customer)).Where(e => e.Kind == LedgerEntryKind.Reversal).ToList();
        Assert.Equal(2, reversals.Count);
        Assert.Contains(reversals, e => e.Credits == -12);
        Assert.Contains(reversals, e => e.Amount?.Amount == -500);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.SendJsonAsync(HttpMethod.Delete, $"/v1/bonus-rules/{rule.As<BonusRuleDto>().Id}")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.SendJsonAsync(HttpMethod.Delete, $"/v1/bonus-rules/{cash.As<BonusRuleDto>().Id}")).Status);
    }

    // ---- item 12: what a plan change credited is not refunded again ----

    [Fact]
    public async Task A_plan_change_credit_is_counted_against_the_card_payment_it_came_from()
    {
        var basic = await PlanAsync("Basic card week", 700);
        var premium = await PlanAsync("Premium card week", 1400);
        var customer = await _admin.CreateCustomerAsync();
        var started = await SubscribeAsync(customer, basic, Card("pm_card_visa"));
        Assert.Equal(SubscriptionStatus.Active, started.Status);
        var basicPayment = PaymentOf(await PrepaymentOrderAsync(started));

        // Two days in, premium for a full week from today: basic's 5 unused days of 7 are credited, 700 × 5 / 7 = 500.
        api.Clock.Advance(TimeSpan.FromDays(2));
        var changed = await _admin.PostJsonAsync($"/v1/subscriptions/{started.Id}/change-plan", new { planId = premium });
        Assert.Equal(HttpStatusCode.OK, changed.Status);
        Assert.Equal(500, await _admin.BalanceAsync(customer, "EUR"));

        var tooMuch = await _admin.PostJsonAsync($"/v1/payments/{basicPayment}/refunds", new { amount = new { amount = 201, currency = "EUR" } });
        var rest = await _admin.PostJsonAsync($"/v1/payments/{basicPayment}/refunds", new { });
        var again = await _admin.PostJsonAsync($"/v1/payments/{basicPayment}/refunds", new { });

        Assert.Equal("refund_exceeds_payment", tooMuch.Code);
        Assert.Equal((HttpStatusCode.Created, 200L), (rest.Status, rest.As<RefundDto>().Amount.Amount));
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal(500, await _admin.BalanceAsync(customer, "EUR"));
    }

    [Fact]
    public async Task A_plan_change_credit_from_a_wallet_payment_is_not_refunded_to_the_wallet_again()
    {
        var basic = await PlanAsync("Basic wallet week", 700);
        var premium = await PlanAsync("Premium wallet week", 1400);
        var customer = (await _given.CustomerAsync(eur: 700)).Id;
        var started = await SubscribeAsync(customer, basic, new { method = "wallet" });
        var basicOrder = await PrepaymentOrderAsync(started);

        // On day 1 premium's full week credits all 7 paid days of basic (700), and the wallet pays premium's 1400.
        await _admin.AdjustAsync(customer, "credit", 700);
        var changed = await _admin.PostJsonAsync($"/v1/subscriptions/{started.Id}/change-plan", new { planId = premium });
        Assert.Equal(HttpStatusCode.OK, changed.Status);
        Assert.Equal(0, await _admin.BalanceAsync(customer, "EUR"));

        var refund = await _admin.PostJsonAsync($"/v1/payments/{PaymentOf(basicOrder)}/refunds", new { amount = new { amount = 1, currency = "EUR" } });

        Assert.Equal("refund_exceeds_payment", refund.Code);
        Assert.Equal(0, await _admin.BalanceAsync(customer, "EUR"));
    }

    [Fact]
    public async Task A_refund_racing_a_plan_change_never_returns_more_than_was_paid()
    {
        var basic = await PlanAsync("Raced basic week", 700);
        var premium = await PlanAsync("Raced premium week", 1400);
        for (var round = 0; round < 3; round++)
        {
            var customer = await _admin.CreateCustomerAsync();
            var started = await SubscribeAsync(customer, basic, Card("pm_card_visa"));
            var order = await PrepaymentOrderAsync(started);
            api.Clock.Advance(TimeSpan.FromDays(2));

            var change = _admin.PostJsonAsync($"/v1/subscriptions/{started.Id}/change-plan", new { planId = premium });
            var refund = api.Admin().PostJsonAsync($"/v1/payments/{PaymentOf(order)}/refunds", new { });
            await Task.WhenAll(change, refund);

            // Either order: the refund takes 700 and the change credits 0, or the change credits 500 and the refund takes 200.
            Assert.Equal(HttpStatusCode.OK, (await change).Status);
            Assert.Equal(HttpStatusCode.Created, (await refund).Status);
            Assert.Equal(700, (await refund).As<RefundDto>().Amount.Amount + await _admin.BalanceAsync(customer, "EUR"));
        }
    }

    [Fact]
    public async Task A_payment_credited_back_to_the_wallet_because_its_subscription_closed_is_not_refunded_again()
    {
        var plan = await PlanAsync("Closed before paid", 700);
        var customer = await _admin.CreateCustomerAsync();
        var started = await SubscribeAsync(customer, plan, Card("pm_card_threeDSecureRequired"));
        var payment = PaymentOf(await PrepaymentOrderAsync(started));
        Assert.Equal(HttpStatusCode.OK, (await _admin.PostJsonAsync($"/v1/subscriptions/{started.Id}/cancel", new { })).Status);

        // The payer finishes 3-D Secure after all: the money arrives for a closed subscription and goes to the wallet.
        Assert.Equal(PaymentStatus.Succeeded, (await api.Customer(customer).PostJsonAsync($"/v1/payments/{payment}/confirm", null)).As<PaymentDto>().Status);
        Assert.Equal(700, await _admin.BalanceAsync(customer, "EUR"));

        var refund = await _admin.PostJsonAsync($"/v1/payments/{payment}/refunds", new { amount = new { amount = 1, currency = "EUR" } });

        Assert.Equal("refund_exceeds_payment", refund.Code);
        Assert.Equal(700, await _admin.BalanceAsync(customer, "EUR"));
    }

    private static string PaymentOf(OrderDto order) => order.Payment!.Id;

    private async Task<SubscriptionDto> SubscribeAsync(string customer, string plan, object payment) =>
        (await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = plan, payment })).As<SubscriptionDto>();

    /// <summary>The order that paid the subscription's first period.</summary>
    private Task<OrderDto> PrepaymentOrderAsync(SubscriptionDto started) => _admin.GetOrderAsync(started.Prepayment!.OrderId!);

    private static object Card(string token) => new { method = "gateway", gateway = "sandbox", paymentMethod = token };

    private static string Unique() => $"SV{Guid.NewGuid():N}"[..16].ToUpperInvariant();

    private async Task<string> PackageAsync(long price, long? grantAmount = null, long? grantCredits = null)
    {
        object grants = grantAmount is { } amount ? new { amount = new { amount, currency = "EUR" } } : new { credits = grantCredits };
        var created = await _admin.PostJsonAsync("/v1/prepayment-packages", new { name = $"Pack {price}", price = new { amount = price, currency = "EUR" }, grants });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        return created.As<PackageDto>().Id;
    }

    private async Task<string> PlanAsync(string name, long price) =>
        (await _given.PlanAsync(new { name, price = new { amount = price, currency = "EUR" }, interval = "week", billing = "activation" })).Id;

    private async Task<string> CampaignAsync(object campaign) => (await CampaignWithIdAsync(campaign)).Code;

    private async Task<(string Code, string Id)> CampaignWithIdAsync(object campaign)
    {
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(campaign))!.AsObject();
        body["code"] = Unique();
        return (body["code"]!.GetValue<string>(), (await _given.CampaignAsync(body)).Id);
    }
}

[Collection("sqlite")]
public sealed class SqliteStoredValueTests(SqliteApiFixture api) : StoredValueTests(api);

[Collection("postgres")]
public sealed class PostgresStoredValueTests(PostgresApiFixture api) : StoredValueTests(api);
