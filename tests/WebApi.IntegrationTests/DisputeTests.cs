using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CleanPrepay.Gateways.ContractTests.Stripe;
using CleanPrepay.WebApi.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using static CleanPrepay.WebApi.IntegrationTests.Support.CatalogHelpers;

namespace CleanPrepay.WebApi.IntegrationTests;

/// <summary>Disputes reported by Stripe's signed charge.dispute.* webhooks (ADR 0040), through the API and the local Stripe.</summary>
public abstract class DisputeTests(StripeApiFixture fixture)
{
    private readonly ApiFixture _api = fixture.Api;
    private readonly FakeStripe _stripe = fixture.Stripe;
    private readonly HttpClient _admin = fixture.Api.Admin();

    [Fact]
    public async Task A_lost_dispute_on_a_top_up_overdraws_the_wallet_by_exactly_the_reversed_amount_once_and_refuses_the_next_wallet_payment()
    {
        var customer = await _admin.CreateCustomerAsync();
        var (paymentId, intent) = await TopUpAsync(customer, 1000);
        var video = await _admin.CreateVideoAsync(rent: 600);
        var spent = await _admin.PostJsonAsync("/v1/orders", new { customerId = customer, items = new[] { new { videoId = video, mode = "rent" } }, payment = new { method = "wallet" } });
        Assert.Equal("paid", spent.Json["status"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, (await DisputeAsync(intent, "dp_lost1", "needs_response", 1000, "evt_d1")).Status);
        var open = (await _admin.GetJsonAsync($"/v1/payments/{paymentId}")).Json;
        Assert.Equal(("succeeded", "disputed", 1000L, "fraudulent"), (S(open["status"]), S(open["dispute"]!["status"]), open["dispute"]!.Amount("amount"), S(open["dispute"]!["reason"])));
        Assert.Equal(400, await _admin.BalanceAsync(customer, "EUR")); // nothing is taken while the bank decides

        await DisputeAsync(intent, "dp_lost1", "lost", 1000, "evt_d2");
        await DisputeAsync(intent, "dp_lost1", "lost", 1000, "evt_d3"); // reported again under another event id
        await DisputeAsync(intent, "dp_lost1", "lost", 1000, "evt_d2"); // and the same event redelivered

        Assert.Equal(-600, await _admin.BalanceAsync(customer, "EUR"));
        var wallet = (await _admin.GetJsonAsync($"/v1/customers/{customer}/wallet")).Json;
        Assert.True(wallet["overdrawn"]!.GetValue<bool>());
        var ledger = await _admin.TransactionsAsync(customer);
        var reversal = Assert.Single(ledger, t => S(t["kind"]) == "reversal");
        Assert.Equal(-1000, reversal.Amount("amount"));
        Assert.Equal(-600, ledger.Sum(t => t.Amount("amount")));
        var refused = await _admin.PostJsonAsync("/v1/orders", new { customerId = customer, items = new[] { new { videoId = video, mode = "rent" } }, payment = new { method = "wallet" } });
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "insufficient_balance"), (refused.Status, S(refused.Json["code"])));
        Assert.Equal("lost", S((await _admin.GetJsonAsync($"/v1/payments/{paymentId}")).Json["dispute"]!["status"]));
    }

    [Fact]
    public async Task A_won_dispute_changes_nothing_and_a_disputed_payment_cannot_be_refunded()
    {
        var customer = await _admin.CreateCustomerAsync();
        var video = await _admin.CreateVideoAsync(rent: 700);
        var order = await _admin.PostJsonAsync(
            "/v1/orders", new { customerId = customer, items = new[] { new { videoId = video, mode = "rent" } }, payment = new { method = "gateway", gateway = "stripe", paymentMethod = "pm_card_visa" } });
        var paymentId = S(order.Json["payment"]!["id"]);
        var intent = await IntentOfAsync(paymentId);

        await DisputeAsync(intent, "dp_won1", "under_review", 700, "evt_w1");
        var refund = await _admin.PostJsonAsync($"/v1/payments/{paymentId}/refunds", new { });
        await DisputeAsync(intent, "dp_won1", "won", 700, "evt_w2");

        Assert.Equal((HttpStatusCode.Conflict, "conflict"), (refund.Status, S(refund.Json["code"])));
        Assert.Equal("won", S((await _admin.GetJsonAsync($"/v1/payments/{paymentId}")).Json["dispute"]!["status"]));
        Assert.True((await _admin.GetJsonAsync($"/v1/customers/{customer}/entitlements/{video}")).Json["entitled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_lost_dispute_on_an_order_paid_by_card_revokes_its_accesses()
    {
        var customer = await _admin.CreateCustomerAsync();
        var video = await _admin.CreateVideoAsync(buy: 1500);
        var order = await _admin.PostJsonAsync(
            "/v1/orders", new { customerId = customer, items = new[] { new { videoId = video, mode = "buy" } }, payment = new { method = "gateway", gateway = "stripe", paymentMethod = "pm_card_visa" } });
        var paymentId = S(order.Json["payment"]!["id"]);
        Assert.True((await _admin.GetJsonAsync($"/v1/customers/{customer}/entitlements/{video}")).Json["entitled"]!.GetValue<bool>());

        await DisputeAsync(await IntentOfAsync(paymentId), "dp_order1", "lost", 1500, "evt_o1");

        Assert.False((await _admin.GetJsonAsync($"/v1/customers/{customer}/entitlements/{video}")).Json["entitled"]!.GetValue<bool>());
        Assert.Equal(0, await _admin.BalanceAsync(customer, "EUR")); // a card order moves nothing in the wallet
    }

    [Fact]
    public async Task A_lost_dispute_on_a_package_order_takes_back_the_rest_of_its_grants_after_an_earlier_refund()
    {
        var money = await PackageAsync(1000, new { amount = new { amount = 1200, currency = "EUR" } });
        var credits = await PackageAsync(500, new { credits = 10 });
        var customer = await _admin.CreateCustomerAsync();
        var order = await _admin.PostJsonAsync(
            "/v1/orders", new { customerId = customer, items = new[] { new { packageId = money }, new { packageId = credits } }, payment = new { method = "gateway", gateway = "stripe", paymentMethod = "pm_card_visa" } });
        Assert.Equal("paid", S(order.Json["status"]));
        var paymentId = S(order.Json["payment"]!["id"]);
        Assert.Equal((1200L, 10L), (await _admin.BalanceAsync(customer, "EUR"), await _admin.CreditsAsync(customer)));
        var refund = await _admin.PostJsonAsync($"/v1/payments/{paymentId}/refunds", new { amount = new { amount = 300, currency = "EUR" } });
        Assert.Equal(HttpStatusCode.Created, refund.Status);
        Assert.Equal((960L, 8L), (await _admin.BalanceAsync(customer, "EUR"), await _admin.CreditsAsync(customer))); // 300 of 1500 back: a fifth

        var intent = await IntentOfAsync(paymentId);
        await DisputeAsync(intent, "dp_pack1", "lost", 1200, "evt_p1");
        await DisputeAsync(intent, "dp_pack1", "lost", 1200, "evt_p2"); // told again: nothing more

        Assert.Equal((0L, 0L), (await _admin.BalanceAsync(customer, "EUR"), await _admin.CreditsAsync(customer)));
        var ledger = await _admin.TransactionsAsync(customer);
        Assert.Equal(4, ledger.Count(t => S(t["kind"]) == "reversal")); // one per pocket for the refund, one per pocket for the dispute
        Assert.Equal(0, ledger.Where(t => t["amount"] is not null).Sum(t => t.Amount("amount")));
    }

    [Fact]
    public async Task An_unsigned_dispute_changes_nothing()
    {
        var customer = await _admin.CreateCustomerAsync();
        var (paymentId, intent) = await TopUpAsync(customer, 500);

        var answer = await DisputeAsync(intent, "dp_forged", "lost", 500, "evt_forged", secret: "whsec_someone_else");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(500, await _admin.BalanceAsync(customer, "EUR"));
        Assert.Null((await _admin.GetJsonAsync($"/v1/payments/{paymentId}")).Json["dispute"]);
    }

    private async Task<string> PackageAsync(long price, object grants)
    {
        var created = await _admin.PostJsonAsync("/v1/prepayment-packages", new { name = $"Pack {price}", price = new { amount = price, currency = "EUR" }, grants });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        return S(created.Json["id"]);
    }

    private async Task<(string PaymentId, string Intent)> TopUpAsync(string customer, long amount)
    {
        var topUp = await _admin.PostJsonAsync(
            $"/v1/customers/{customer}/wallet/top-ups", new { amount = new { amount, currency = "EUR" }, payment = new { gateway = "stripe", paymentMethod = "pm_card_visa" } });
        Assert.Equal("succeeded", S(topUp.Json["status"]));
        var paymentId = S(topUp.Json["payment"]!["id"]);
        return (paymentId, await IntentOfAsync(paymentId));
    }

    private Task<string> IntentOfAsync(string paymentId) =>
        _api.WithDbAsync(db => db.Payments.AsNoTracking().Where(p => p.Id == paymentId).Select(p => p.ProviderReference!).FirstAsync());

    private async Task<ApiResponse> DisputeAsync(string intent, string disputeId, string status, long amount, string eventId, string secret = StripeApiFixture.WebhookSecret)
    {
        var dispute = FakeStripe.Fixture("dispute");
        dispute["id"] = disputeId;
        dispute["payment_intent"] = intent;
        dispute["status"] = status;
        dispute["amount"] = amount;
        dispute["currency"] = "eur";
        dispute["reason"] = "fraudulent";
        var type = status is "won" or "lost" ? "charge.dispute.closed" : "charge.dispute.created";
        var body = new JsonObject
        {
            ["id"] = eventId, ["object"] = "event", ["type"] = type, ["livemode"] = false, ["api_version"] = "2023-08-16",
            ["created"] = _api.Clock.GetUtcNow().ToUnixTimeSeconds(), ["data"] = new JsonObject { ["object"] = dispute },
        }.ToJsonString();
        var t = _api.Clock.GetUtcNow().ToUnixTimeSeconds();
        var signature = $"t={t},v1={Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}")))}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/webhooks/stripe") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
        return await ApiClientExtensions.ReadAsync(await _api.CreateClient().SendAsync(request));
    }

    private static string S(JsonNode? node) => node!.GetValue<string>();
}

public sealed class SqliteDisputeTests(SqliteStripeFixture fixture) : DisputeTests(fixture), IClassFixture<SqliteStripeFixture>;

public sealed class PostgresDisputeTests(PostgresStripeFixture fixture) : DisputeTests(fixture), IClassFixture<PostgresStripeFixture>;
