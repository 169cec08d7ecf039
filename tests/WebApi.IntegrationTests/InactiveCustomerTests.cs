using System.Net;
using CleanPrepay.WebApi.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.WebApi.IntegrationTests;

/// <summary>An inactive account spends nothing, whoever asks; staff corrections and reads still work.</summary>
public abstract class InactiveCustomerTests(ApiFixture api)
{
    private readonly HttpClient _admin = api.Admin();

    [Fact]
    public async Task An_inactive_customer_cannot_pay_top_up_redeem_subscribe_prepay_or_change_plan()
    {
        var customer = await _admin.CreateCustomerAsync();
        await _admin.AdjustAsync(customer, "credit", 20_000);
        var video = await _admin.CreateVideoAsync();
        var monthly = await _admin.CreatePlanAsync(price: 1000);
        var upgrade = await _admin.CreatePlanAsync(price: 2000);
        var another = await _admin.CreatePlanAsync(price: 500);
        var risky = await _admin.CreatePlanAsync(price: 700);
        var code = $"IDLE{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        Assert.Equal(HttpStatusCode.Created, (await _admin.PostJsonAsync("/v1/coupon-campaigns", new { name = "Idle", percentOff = 1000, duration = "once", appliesTo = "account", code })).Status);
        var subscription = await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = monthly, skipTrial = true, payment = new { method = "wallet" } });
        Assert.Equal(HttpStatusCode.Created, subscription.Status);
        Assert.Equal(HttpStatusCode.OK, (await _admin.SendJsonAsync(HttpMethod.Put, "/v1/settings", new { prepaymentEnabled = true })).Status);
        var pending = await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = risky, skipTrial = true, riskCheck = new { outcome = "rejected" } });
        Assert.Equal(HttpStatusCode.Created, pending.Status);
        var prepayment = pending.Json["prepayment"]!["id"]!.GetValue<string>();
        var subscriptionId = subscription.Json["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await _admin.SendJsonAsync(HttpMethod.Patch, $"/v1/customers/{customer}", new { status = "inactive" })).Status);
        var before = await SnapshotAsync(customer);

        var self = api.Customer(customer);
        var attempts = new Dictionary<string, ApiResponse>
        {
            ["top-up by the customer"] = await self.TopUpAsync(customer, 500, "EUR", "pm_card_visa"),
            ["top-up by staff"] = await _admin.TopUpAsync(customer, 500, "EUR", "pm_card_visa"),
            ["order from the wallet"] = await self.OrderAsync(customer, [CatalogHelpers.Rent(video)]),
            ["order by card"] = await self.PostJsonAsync("/v1/orders", new { customerId = customer, items = new[] { CatalogHelpers.Rent(video) }, payment = new { method = "gateway", gateway = "sandbox", paymentMethod = "pm_card_visa" } }),
            ["order with credits"] = await _admin.OrderAsync(customer, [CatalogHelpers.Rent(video)], method: "credits"),
            ["coupon"] = await self.PostJsonAsync("/v1/coupons/apply", new { code, customerId = customer }),
            ["subscription"] = await self.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = another, skipTrial = true, payment = new { method = "wallet" } }),
            ["prepayment"] = await self.PostJsonAsync($"/v1/prepayments/{prepayment}/pay", new { payment = new { method = "wallet" } }),
            ["plan change"] = await self.PostJsonAsync($"/v1/subscriptions/{subscriptionId}/change-plan", new { planId = upgrade }),
        };

        Assert.All(attempts, a =>
        {
            Assert.True(a.Value.Status == HttpStatusCode.Forbidden, $"{a.Key}: {a.Value.Status} {a.Value.Code}");
            Assert.Equal("customer_inactive", a.Value.Code);
        });
        Assert.Equal(before, await SnapshotAsync(customer));

        // Staff may still correct the wallet, and the customer still reads it; reactivated, the customer spends again.
        Assert.Equal(HttpStatusCode.Created, (await _admin.AdjustAsync(customer, "debit", 100)).Status);
        Assert.Equal(HttpStatusCode.OK, (await self.GetJsonAsync($"/v1/customers/{customer}/wallet")).Status);
        Assert.Equal(HttpStatusCode.OK, (await _admin.SendJsonAsync(HttpMethod.Patch, $"/v1/customers/{customer}", new { status = "active" })).Status);
        Assert.Equal(HttpStatusCode.Created, (await self.TopUpAsync(customer, 500, "EUR", "pm_card_visa")).Status);
    }

    private Task<string> SnapshotAsync(string customer) => api.WithDbAsync(async db => string.Join(
        ',',
        await db.LedgerEntries.CountAsync(e => db.Wallets.Any(w => w.Id == e.WalletId && w.CustomerId == customer)),
        await db.Payments.CountAsync(p => p.CustomerId == customer),
        await db.Orders.CountAsync(o => o.CustomerId == customer),
        await db.Subscriptions.CountAsync(s => s.CustomerId == customer),
        await db.CouponRedemptions.CountAsync(r => r.CustomerId == customer),
        string.Join('|', await db.Subscriptions.Where(s => s.CustomerId == customer).OrderBy(s => s.Id).Select(s => s.PlanId + s.Status).ToListAsync()),
        string.Join('|', await db.Prepayments.Where(p => p.CustomerId == customer).Select(p => p.Status).ToListAsync())));
}

[Collection("sqlite")]
public sealed class SqliteInactiveCustomerTests(SqliteApiFixture api) : InactiveCustomerTests(api);

[Collection("postgres")]
public sealed class PostgresInactiveCustomerTests(PostgresApiFixture api) : InactiveCustomerTests(api);
