using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CleanPrepay.Application.Accesses;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Application.Orders;
using CleanPrepay.Application.Payments;
using CleanPrepay.Application.Payments.ReceiveWebhook;
using CleanPrepay.Application.Payments.Reconciliation;
using CleanPrepay.Application.Payments.RefundPayment;
using CleanPrepay.Application.Subscriptions;
using CleanPrepay.Application.Wallets.TopUpWallet;
using CleanPrepay.Domain.Orders;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Domain.Subscriptions;
using CleanPrepay.Gateways.ContractTests.PayPal;
using CleanPrepay.Gateways.ContractTests.Stripe;
using CleanPrepay.WebApi.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CleanPrepay.WebApi.IntegrationTests.Support.CatalogHelpers;

namespace CleanPrepay.WebApi.IntegrationTests;

/// <summary>The API with its Stripe and PayPal adapters pointed at a local Stripe and PayPal (real HTTP), on SQLite or PostgreSQL.</summary>
public abstract class StripeApiFixture : IAsyncLifetime
{
    public const string WebhookSecret = "whsec_integration_secret_0123456789";

    public ApiFixture Api { get; private set; } = null!;

    public FakeStripe Stripe { get; private set; } = null!;

    public FakePayPal PayPal { get; private set; } = null!;

    protected abstract ApiFixture CreateApi();

    public async Task InitializeAsync()
    {
        Stripe = await FakeStripe.StartAsync();
        PayPal = await FakePayPal.StartAsync();
        Api = CreateApi();
        foreach (var (key, value) in Stripe.Settings(WebhookSecret).Concat(PayPal.Settings()))
        {
            Api.Settings[key] = value;
        }

        // Payments in SEK from Sweden go to Stripe; everything else falls back to the sandbox.
        Api.Settings["Gateways:Routing:Routes:0:Currency"] = "SEK";
        Api.Settings["Gateways:Routing:Routes:0:Country"] = "SE";
        Api.Settings["Gateways:Routing:Routes:0:Gateways:0"] = "stripe";
        Api.Settings["Reconciliation:FirstDelay"] = "00:00:30";
        Api.Settings["Gateways:Stripe:OffSessionActionUrl"] = "https://tv.example/pay/{paymentId}";
        await Api.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await Stripe.DisposeAsync();
        await PayPal.DisposeAsync();
    }
}

public sealed class SqliteStripeFixture : StripeApiFixture
{
    protected override ApiFixture CreateApi() => new SqliteApiFixture();
}

public sealed class PostgresStripeFixture : StripeApiFixture
{
    protected override ApiFixture CreateApi() => new PostgresApiFixture();
}

/// <summary>
/// Real gateways end to end: the card call, webhooks verified before anything changes and applied
/// exactly once through the inbox, a timeout left pending and settled by reconciliation, routing by
/// currency and country, and no secret in any log line of the API.
/// </summary>
public abstract class GatewayTests(StripeApiFixture fixture)
{
    private readonly ApiFixture _api = fixture.Api;
    private readonly FakeStripe _stripe = fixture.Stripe;
    private readonly FakePayPal _paypal = fixture.PayPal;
    private readonly HttpClient _admin = fixture.Api.Admin();
    private readonly Given _given = new(fixture.Api);

    private Task<ApiResponse> StripeTopUpAsync(string customer, long amount, string paymentMethod) =>
        _admin.PostJsonAsync(
            $"/v1/customers/{customer}/wallet/top-ups",
            new { amount = new { amount, currency = "EUR" }, payment = new { gateway = "stripe", paymentMethod } });

    private Task<ApiResponse> StripeOrderAsync(string customer, object item, string paymentMethod = "pm_card_visa") =>
        _admin.PostJsonAsync("/v1/orders", new { customerId = customer, items = new[] { item }, payment = new { method = "gateway", gateway = "stripe", paymentMethod } });

    /// <summary>The intent the fake Stripe holds for one of our payments (its own JSON, not the API's).</summary>
    private JsonObject IntentOf(string paymentId) => _stripe.Intents.Values.Single(i => (string?)i["metadata"]!["payment_id"] == paymentId);

    private string IntentIdOf(string paymentId) => IntentOf(paymentId)["id"]!.GetValue<string>();

    /// <summary>Posts a Stripe event for the intent as it now is at the fake, signed at <paramref name="signedAt"/> (now by default).</summary>
    private async Task<(ApiResponse Response, string Body, string Signature)> DeliverAsync(
        string intentId, string eventId, string? body = null, DateTimeOffset? signedAt = null, string secret = StripeApiFixture.WebhookSecret, string? signature = null)
    {
        body ??= new JsonObject
        {
            ["id"] = eventId, ["object"] = "event", ["type"] = "payment_intent.succeeded", ["livemode"] = false, ["api_version"] = "2023-08-16",
            ["created"] = _api.Clock.GetUtcNow().ToUnixTimeSeconds(),
            ["data"] = new JsonObject { ["object"] = _stripe.Intents[intentId].DeepClone() },
        }.ToJsonString();
        var t = (signedAt ?? _api.Clock.GetUtcNow()).ToUnixTimeSeconds();
        signature ??= $"t={t},v1={Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}")))}";
        var response = await PostRawAsync(body, signature);
        return (response, body, signature);
    }

    private async Task<ApiResponse> PostRawAsync(string body, string signature, string gateway = "stripe")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/webhooks/{gateway}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
        return await ApiClientExtensions.ReadAsync(await _api.CreateClient().SendAsync(request));
    }

    private Task<int> InboxCountAsync(string eventId) =>
        _api.WithDbAsync(db => db.GatewayWebhookEvents.CountAsync(e => e.EventId == eventId));

    [Fact]
    public async Task A_card_payment_through_stripe_pays_the_order_and_a_later_webhook_changes_nothing_more()
    {
        var video = await _admin.CreateVideoAsync(rent: 499);
        var customer = await _admin.CreateCustomerAsync();

        var order = (await StripeOrderAsync(customer, Rent(video))).As<OrderDto>();

        Assert.Equal(OrderStatus.Paid, order.Status);
        var intent = IntentOf(order.Payment!.Id);
        Assert.Equal(499, (long)intent["amount"]!);

        var (delivered, _, _) = await DeliverAsync((string)intent["id"]!, $"evt_{Guid.NewGuid():N}");
        Assert.Equal(HttpStatusCode.OK, delivered.Status);
        Assert.Equal(new WebhookReceiptDto(1, 0, 0), delivered.As<WebhookReceiptDto>());
        Assert.Single((await _admin.GetJsonAsync($"/v1/customers/{customer}/accesses")).Items<AccessDto>());
    }

    [Fact]
    public async Task The_same_event_twice_or_ten_times_at_once_credits_the_wallet_once()
    {
        var customer = await _admin.CreateCustomerAsync();
        var topUp = (await StripeTopUpAsync(customer, 2500, "pm_card_threeDSecure2Required")).As<TopUpDto>();
        Assert.Equal(PaymentStatus.RequiresAction, topUp.Status);
        var paymentId = topUp.Payment.Id;
        var intentId = IntentIdOf(paymentId);
        _stripe.SetStatus(intentId, "succeeded"); // the customer passed 3-D Secure at Stripe

        var eventId = $"evt_{Guid.NewGuid():N}";
        var (first, body, signature) = await DeliverAsync(intentId, eventId);
        var again = await PostRawAsync(body, signature);
        var storm = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => PostRawAsync(body, signature)));

        Assert.Equal(1, first.As<WebhookReceiptDto>().Applied);
        Assert.Equal(1, again.As<WebhookReceiptDto>().Duplicates);
        Assert.All(storm, r => Assert.Equal((HttpStatusCode.OK, 1), (r.Status, r.As<WebhookReceiptDto>().Duplicates)));
        Assert.Equal(2500, await _admin.BalanceAsync(customer, "EUR"));
        Assert.Single(await _admin.TransactionsAsync(customer));
        Assert.Equal(1, await InboxCountAsync(eventId));
        Assert.Equal(PaymentStatus.Succeeded, (await _admin.GetPaymentAsync(paymentId)).Status);
    }

    [Theory]
    [InlineData("wrong secret")]
    [InlineData("expired timestamp")]
    [InlineData("tampered body")]
    [InlineData("no signature")]
    public async Task An_unverifiable_webhook_is_400_and_changes_nothing(string how)
    {
        var customer = await _admin.CreateCustomerAsync();
        var paymentId = (await StripeTopUpAsync(customer, 1000, "pm_card_threeDSecure2Required")).As<TopUpDto>().Payment.Id;
        var intentId = IntentIdOf(paymentId);
        _stripe.SetStatus(intentId, "succeeded");
        var eventId = $"evt_{Guid.NewGuid():N}";

        var response = how switch
        {
            "wrong secret" => (await DeliverAsync(intentId, eventId, secret: "whsec_attacker")).Response,
            "expired timestamp" => (await DeliverAsync(intentId, eventId, signedAt: _api.Clock.GetUtcNow().AddSeconds(-301))).Response,
            "tampered body" => await TamperedAsync(intentId, eventId),
            _ => (await DeliverAsync(intentId, eventId, signature: "")).Response,
        };

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("webhook_unverified", response.Code);
        Assert.Equal("application/problem+json", response.Raw.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await _admin.BalanceAsync(customer, "EUR"));
        Assert.Equal(PaymentStatus.RequiresAction, (await _admin.GetPaymentAsync(paymentId)).Status);
        Assert.Equal(0, await InboxCountAsync(eventId));
    }

    private async Task<ApiResponse> TamperedAsync(string intentId, string eventId)
    {
        var (_, body, signature) = await DeliverAsync(intentId, $"{eventId}_original", signature: "t=0,v1=00");
        var t = _api.Clock.GetUtcNow().ToUnixTimeSeconds();
        var genuine = $"t={t},v1={Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(StripeApiFixture.WebhookSecret), Encoding.UTF8.GetBytes($"{t}.{body}")))}";
        return await PostRawAsync(body.Replace($"{eventId}_original", eventId, StringComparison.Ordinal), genuine);
    }

    [Fact]
    public async Task The_return_url_of_the_request_is_where_3ds_sends_the_payer_back()
    {
        var customer = await _admin.CreateCustomerAsync();

        var topUp = (await _admin.PostJsonAsync(
            $"/v1/customers/{customer}/wallet/top-ups",
            new { amount = new { amount = 1500, currency = "EUR" }, payment = new { gateway = "stripe", paymentMethod = "pm_card_threeDSecure2Required", returnUrl = "https://shop.example/paid?x=1" } })).As<TopUpDto>();

        Assert.Equal(PaymentStatus.RequiresAction, topUp.Status);
        var intent = IntentOf(topUp.Payment.Id);
        Assert.Equal("https://shop.example/paid?x=1", (string?)intent["next_action"]!["redirect_to_url"]!["return_url"]);
        Assert.Equal(new NextActionDto("redirect", $"https://hooks.stripe.com/3d_secure_2/hosted?payment_intent={intent["id"]}"), topUp.Payment.NextAction);
    }

    [Fact]
    public async Task A_refund_whose_answer_was_lost_stays_pending_and_its_webhook_completes_it_once()
    {
        var video = await _admin.CreateVideoAsync(buy: 3000);
        var customer = await _admin.CreateCustomerAsync();
        var order = (await StripeOrderAsync(customer, Buy(video))).As<OrderDto>();
        var paymentId = order.Payment!.Id;

        _stripe.SlowAnswers = 3; // Stripe refunds, but every attempt's answer comes too late
        var refund = await _admin.PostJsonAsync($"/v1/payments/{paymentId}/refunds", new { amount = new { amount = 1200, currency = "EUR" } });
        _stripe.SlowAnswers = 0;

        Assert.Equal((HttpStatusCode.Created, PaymentStatus.Pending), (refund.Status, refund.As<RefundDto>().Status));
        var refundId = refund.As<RefundDto>().Id;
        var stripeRefund = FakeStripe.Fixture("refund");
        stripeRefund["id"] = "re_lost_answer";
        stripeRefund["amount"] = 1200;
        stripeRefund["metadata"] = new JsonObject { ["refund_id"] = refundId };
        var body = new JsonObject
        {
            ["id"] = $"evt_{Guid.NewGuid():N}", ["object"] = "event", ["type"] = "charge.refund.updated",
            ["data"] = new JsonObject { ["object"] = stripeRefund },
        }.ToJsonString();

        var (delivered, _, signature) = await DeliverAsync("unused", "unused", body: body);
        var again = await PostRawAsync(body, signature);

        Assert.Equal((HttpStatusCode.OK, 1, 1), (delivered.Status, delivered.As<WebhookReceiptDto>().Applied, again.As<WebhookReceiptDto>().Duplicates));
        Assert.Equal(1200, (await _admin.GetOrderAsync(order.Id)).Refunded.Amount);
        Assert.Equal(("Succeeded", "re_lost_answer"), await _api.WithDbAsync(db => db.Refunds.Where(r => r.Id == refundId).Select(r => new ValueTuple<string, string?>(r.Status.ToString(), r.ProviderReference)).SingleAsync()));
    }

    [Fact]
    public async Task A_late_success_for_an_expired_prepayment_goes_to_the_wallet_once_however_often_it_is_reported()
    {
        Assert.Equal(HttpStatusCode.OK, (await _admin.SendJsonAsync(HttpMethod.Put, "/v1/settings", new { prepaymentEnabled = true })).Status);
        var plan = (await _given.PlanAsync(new { name = "Late", price = new { amount = 1900, currency = "EUR" }, interval = "month", billing = "activation" })).Id;
        var customer = await _admin.CreateCustomerAsync();
        var started = (await _admin.PostJsonAsync("/v1/subscriptions", new
        {
            customerId = customer, planId = plan, riskCheck = new { outcome = "rejected" },
            payment = new { method = "gateway", gateway = "stripe", paymentMethod = "pm_card_threeDSecure2Required" },
        })).As<SubscriptionDto>();
        Assert.Equal(SubscriptionStatus.PendingPrepayment, started.Status);
        var paymentId = started.Payment!.Id;
        var intentId = IntentIdOf(paymentId);

        _api.Clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(2)); // Subscriptions:PrepaymentExpiry
        await using (var scope = _api.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ISubscriptionBilling>().RunOnceAsync(CancellationToken.None);
        }

        Assert.Equal(SubscriptionStatus.Canceled, (await _admin.GetJsonAsync($"/v1/subscriptions/{started.Id}")).As<SubscriptionDto>().Status);

        // The payer finishes 3-D Secure after all: the money is taken, and told to us by confirm, two webhooks and a pull.
        _stripe.SetStatus(intentId, "succeeded");
        Assert.Equal(PaymentStatus.Succeeded, (await _admin.PostJsonAsync($"/v1/payments/{paymentId}/confirm", null)).As<PaymentDto>().Status);
        var first = (await DeliverAsync(intentId, $"evt_{Guid.NewGuid():N}")).Response;
        var second = (await DeliverAsync(intentId, $"evt_{Guid.NewGuid():N}")).Response;
        _api.Clock.Advance(TimeSpan.FromHours(2));
        await ReconcileAsync();

        Assert.Equal((0, 0), (first.As<WebhookReceiptDto>().Applied, second.As<WebhookReceiptDto>().Applied));
        Assert.Equal(1900, await _admin.BalanceAsync(customer, "EUR"));
        Assert.Single(await _admin.TransactionsAsync(customer));
    }

    [Fact]
    public async Task A_coupon_cannot_change_the_amount_a_provider_already_holds()
    {
        var video = await _admin.CreateVideoAsync(rent: 1000);
        var customer = await _admin.CreateCustomerAsync();
        var code = $"HALF{Guid.NewGuid():N}"[..12].ToUpperInvariant();
        Assert.Equal(HttpStatusCode.Created, (await _admin.PostJsonAsync("/v1/coupon-campaigns", new { name = "Half", percentOff = 5000, duration = "once", appliesTo = "order", code })).Status);
        var order = (await StripeOrderAsync(customer, Rent(video), "pm_card_threeDSecure2Required")).As<OrderDto>();
        Assert.Equal(OrderStatus.RequiresAction, order.Status);
        var orderId = order.Id;

        var applied = await _admin.PostJsonAsync("/v1/coupons/apply", new { code, customerId = customer, orderId });

        Assert.Equal(HttpStatusCode.Conflict, applied.Status);
        var after = await _admin.GetOrderAsync(orderId);
        Assert.Equal((1000L, 0L), (after.Total.Amount, after.Discount.Amount));
        Assert.Equal(1000, (await _admin.GetPaymentAsync(order.Payment!.Id)).Amount.Amount);
    }

    [Fact]
    public async Task A_replay_inside_the_window_is_a_duplicate_and_after_it_is_refused()
    {
        var customer = await _admin.CreateCustomerAsync();
        var topUp = (await StripeTopUpAsync(customer, 700, "pm_card_threeDSecure2Required")).As<TopUpDto>();
        var intentId = IntentIdOf(topUp.Payment.Id);
        _stripe.SetStatus(intentId, "succeeded");
        using var frozen = _api.Clock.FreezeAt(_api.Clock.GetUtcNow().AddSeconds(1)); // the window is judged to the second
        var (first, body, signature) = await DeliverAsync(intentId, $"evt_{Guid.NewGuid():N}");
        Assert.Equal(1, first.As<WebhookReceiptDto>().Applied);

        _api.Clock.Advance(TimeSpan.FromSeconds(299));
        Assert.Equal(1, (await PostRawAsync(body, signature)).As<WebhookReceiptDto>().Duplicates);
        _api.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.BadRequest, (await PostRawAsync(body, signature)).Status);

        Assert.Equal(700, await _admin.BalanceAsync(customer, "EUR"));
    }

    [Fact]
    public async Task Unknown_gateways_and_the_sandbox_take_no_webhooks()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await PostRawAsync("{}", "t=1,v1=00", "acme")).Status);
        var sandbox = await PostRawAsync("{}", "t=1,v1=00", "sandbox");
        Assert.Equal((HttpStatusCode.BadRequest, "webhook_unverified"), (sandbox.Status, sandbox.Code));
        var huge = await PostRawAsync(new string('x', 300 * 1024), "t=1,v1=00");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.Status);
    }

    [Fact]
    public async Task A_timeout_leaves_the_payment_pending_and_reconciliation_settles_it_once()
    {
        var video = await _admin.CreateVideoAsync(rent: 350);
        var customer = await _admin.CreateCustomerAsync();
        _stripe.SlowAnswers = 3; // Stripe takes the money, but every attempt's answer comes too late

        var placed = await StripeOrderAsync(customer, Rent(video));

        Assert.Equal(HttpStatusCode.Created, placed.Status);
        var order = placed.As<OrderDto>();
        Assert.Equal(OrderStatus.Pending, order.Status);
        var paymentId = order.Payment!.Id;
        var payment = await _admin.GetPaymentAsync(paymentId);
        Assert.Equal((PaymentStatus.Pending, null), (payment.Status, payment.FailureCode));
        Assert.Single(_stripe.Intents.Values, i => (string?)i["metadata"]!["payment_id"] == paymentId); // retried with one key: one intent

        _stripe.SlowAnswers = 0;
        Assert.DoesNotContain(paymentId, await DueAsync()); // not due yet
        _api.Clock.Advance(TimeSpan.FromSeconds(31));
        var pass = await ReconcileAsync();

        Assert.True(pass.Settled >= 1);
        Assert.Equal(OrderStatus.Paid, (await _admin.GetOrderAsync(order.Id)).Status);
        Assert.Single((await _admin.GetJsonAsync($"/v1/customers/{customer}/accesses")).Items<AccessDto>());
        Assert.Null(await _api.WithDbAsync(db => db.Payments.Where(p => p.Id == paymentId).Select(p => p.NextSyncAt).SingleAsync()));
        _api.Clock.Advance(TimeSpan.FromHours(2));
        Assert.DoesNotContain(paymentId, await DueAsync());
    }

    [Fact]
    public async Task Reconciliation_backs_off_while_a_payment_is_still_processing()
    {
        var customer = await _admin.CreateCustomerAsync();
        var topUp = (await StripeTopUpAsync(customer, 900, "pm_card_processing")).As<TopUpDto>();
        var paymentId = topUp.Payment.Id;
        Assert.Equal(PaymentStatus.Pending, topUp.Status);

        var delays = new List<TimeSpan>();
        for (var i = 0; i < 4; i++)
        {
            var (next, before) = await _api.WithDbAsync(async db => (await db.Payments.Where(p => p.Id == paymentId).Select(p => p.NextSyncAt).SingleAsync(), _api.Clock.GetUtcNow()));
            delays.Add(next!.Value - before);
            _api.Clock.Advance(next.Value - before + TimeSpan.FromSeconds(1));
            await ReconcileAsync();
        }

        // 30 s, then twice as long each time (each measured from a pass a second late).
        Assert.InRange(delays[0].TotalSeconds, 29, 30.5);
        Assert.InRange(delays[1].TotalSeconds, 59, 60.5);
        Assert.InRange(delays[2].TotalSeconds, 119, 120.5);
        Assert.InRange(delays[3].TotalSeconds, 239, 240.5);
        Assert.Equal(0, await _admin.BalanceAsync(customer, "EUR"));

        _stripe.SetStatus(IntentIdOf(paymentId), "succeeded");
        _api.Clock.Advance(TimeSpan.FromMinutes(10));
        await ReconcileAsync();
        Assert.Equal(900, await _admin.BalanceAsync(customer, "EUR"));
    }

    [Fact]
    public async Task A_payer_who_never_finishes_3ds_is_canceled_at_stripe_after_a_day()
    {
        var customer = await _admin.CreateCustomerAsync();
        var paymentId = (await StripeTopUpAsync(customer, 1200, "pm_card_threeDSecure2Required")).As<TopUpDto>().Payment.Id;

        _api.Clock.Advance(TimeSpan.FromHours(25));
        await ReconcileAsync();

        var payment = await _admin.GetPaymentAsync(paymentId);
        Assert.Equal((PaymentStatus.Canceled, "expired"), (payment.Status, payment.FailureCode));
        var intent = IntentOf(paymentId);
        Assert.Equal(("canceled", "abandoned"), ((string?)intent["status"], (string?)intent["cancellation_reason"]));
        Assert.Equal(0, await _admin.BalanceAsync(customer, "EUR"));
    }

    [Fact]
    public async Task Sek_from_sweden_is_routed_to_stripe_and_euros_from_france_to_the_sandbox()
    {
        await _admin.SendJsonAsync(HttpMethod.Put, "/v1/settings", new { currencies = new[] { "EUR", "SEK", "JPY" } });
        var swede = (await _given.CustomerAsync(language: "sv", country: "SE")).Id;
        var french = (await _given.CustomerAsync(language: "fr", country: "FR")).Id;

        var sek = await _admin.PostJsonAsync($"/v1/customers/{swede}/wallet/top-ups", new { amount = new { amount = 10000, currency = "SEK" }, payment = new { paymentMethod = "pm_card_visa" } });
        var eur = await _admin.PostJsonAsync($"/v1/customers/{french}/wallet/top-ups", new { amount = new { amount = 1000, currency = "EUR" }, payment = new { paymentMethod = "pm_card_visa" } });
        var sekFromFrance = await _admin.PostJsonAsync($"/v1/customers/{french}/wallet/top-ups", new { amount = new { amount = 500, currency = "SEK" }, payment = new { paymentMethod = "pm_card_visa" } });

        Assert.Equal("stripe", await GatewayOfAsync(sek));
        Assert.Equal("sandbox", await GatewayOfAsync(eur));
        Assert.Equal("sandbox", await GatewayOfAsync(sekFromFrance));
        Assert.Single(_stripe.Intents.Values, i => (string?)i["currency"] == "sek" && (long)i["amount"]! == 10000);
        Assert.Equal(10000, await _admin.BalanceAsync(swede, "SEK"));
    }

    private async Task<string> GatewayOfAsync(ApiResponse topUp)
    {
        Assert.Equal(HttpStatusCode.Created, topUp.Status);
        return (await _admin.GetPaymentAsync(topUp.As<TopUpDto>().Payment.Id)).Gateway;
    }

    [Fact]
    public async Task A_refund_through_stripe_and_its_webhook_count_once()
    {
        var video = await _admin.CreateVideoAsync(buy: 2000);
        var customer = await _admin.CreateCustomerAsync();
        var order = (await StripeOrderAsync(customer, Buy(video))).As<OrderDto>();
        var paymentId = order.Payment!.Id;

        var refund = await _admin.PostJsonAsync($"/v1/payments/{paymentId}/refunds", new { amount = new { amount = 800, currency = "EUR" } });
        Assert.Equal(HttpStatusCode.Created, refund.Status);
        Assert.Equal(PaymentStatus.Succeeded, refund.As<RefundDto>().Status);

        var stripeRefund = FakeStripe.Fixture("refund");
        stripeRefund["id"] = await _api.WithDbAsync(db => db.Refunds.Where(r => r.PaymentId == paymentId).Select(r => r.ProviderReference).SingleAsync());
        stripeRefund["amount"] = 800;
        var body = new JsonObject
        {
            ["id"] = $"evt_{Guid.NewGuid():N}", ["object"] = "event", ["type"] = "charge.refund.updated",
            ["data"] = new JsonObject { ["object"] = stripeRefund },
        }.ToJsonString();
        var (delivered, _, _) = await DeliverAsync("unused", "unused", body: body);

        Assert.Equal((HttpStatusCode.OK, 0), (delivered.Status, delivered.As<WebhookReceiptDto>().Applied));
        Assert.Equal(800, (await _admin.GetOrderAsync(order.Id)).Refunded.Amount);
    }

    private async Task<(string OrderId, string PaymentId, string PayPalOrderId)> PayPalOrderAsync()
    {
        var video = await _admin.CreateVideoAsync(rent: 650);
        var customer = await _admin.CreateCustomerAsync();
        var placed = await _admin.PostJsonAsync("/v1/orders", new
        {
            customerId = customer, items = new[] { Rent(video) },
            payment = new { method = "gateway", gateway = "paypal", returnUrl = "https://shop.example/paypal-back" },
        });
        Assert.Equal(HttpStatusCode.Created, placed.Status);
        var order = placed.As<OrderDto>();
        Assert.Equal(OrderStatus.RequiresAction, order.Status);
        var paymentId = order.Payment!.Id;
        var paypalOrder = _paypal.Orders.Values.Single(o => (string?)o["purchase_units"]![0]!["custom_id"] == paymentId);
        Assert.Equal("6.50", (string?)paypalOrder["purchase_units"]![0]!["amount"]!["value"]);
        return (order.Id, paymentId, (string)paypalOrder["id"]!);
    }

    private int CapturesOf(string paypalOrderId) => _paypal.Server.Requests.Count(r => r.Path == $"/v2/checkout/orders/{paypalOrderId}/capture");

    [Fact]
    public async Task A_paypal_order_is_approved_at_paypal_then_confirmed_and_captured_once()
    {
        var (orderId, paymentId, paypalOrderId) = await PayPalOrderAsync();
        var payment = await _admin.GetPaymentAsync(paymentId);
        Assert.Equal(new NextActionDto("redirect", $"https://www.sandbox.paypal.com/checkoutnow?token={paypalOrderId}"), payment.NextAction);

        // Back from PayPal before approving: nothing is taken.
        Assert.Equal(PaymentStatus.RequiresAction, (await _admin.PostJsonAsync($"/v1/payments/{paymentId}/confirm", null)).As<PaymentDto>().Status);
        Assert.Equal(0, CapturesOf(paypalOrderId));

        _paypal.Approve(paypalOrderId);
        var confirmed = await _admin.PostJsonAsync($"/v1/payments/{paymentId}/confirm", null);
        var again = await _admin.PostJsonAsync($"/v1/payments/{paymentId}/confirm", null);

        Assert.Equal((PaymentStatus.Succeeded, PaymentStatus.Succeeded), (confirmed.As<PaymentDto>().Status, again.As<PaymentDto>().Status));
        Assert.Equal(1, CapturesOf(paypalOrderId));
        Assert.Equal($"{paymentId}_capture", _paypal.Server.Requests.Single(r => r.Path == $"/v2/checkout/orders/{paypalOrderId}/capture").Header("PayPal-Request-Id"));
        Assert.Equal(OrderStatus.Paid, (await _admin.GetOrderAsync(orderId)).Status);
    }

    [Fact]
    public async Task A_verified_paypal_approval_webhook_captures_once_and_an_unverified_one_changes_nothing()
    {
        var (orderId, paymentId, paypalOrderId) = await PayPalOrderAsync();
        _paypal.Approve(paypalOrderId);
        var body = new JsonObject
        {
            ["id"] = $"WH-{Guid.NewGuid():N}", ["event_type"] = "CHECKOUT.ORDER.APPROVED", ["resource_type"] = "checkout-order",
            ["resource"] = _paypal.Orders[paypalOrderId].DeepClone(),
        }.ToJsonString();

        var forged = await PostPayPalAsync(body, "forged-signature");
        Assert.Equal((HttpStatusCode.BadRequest, "webhook_unverified"), (forged.Status, forged.Code));
        Assert.Equal(0, CapturesOf(paypalOrderId));
        Assert.Equal(PaymentStatus.RequiresAction, (await _admin.GetPaymentAsync(paymentId)).Status);

        var signature = $"genuine-{Guid.NewGuid():N}";
        _paypal.GenuineSignatures.Add(signature);
        var delivered = await PostPayPalAsync(body, signature);
        var redelivered = await PostPayPalAsync(body, signature);

        Assert.Equal((HttpStatusCode.OK, 1), (delivered.Status, delivered.As<WebhookReceiptDto>().Applied));
        Assert.Equal(1, redelivered.As<WebhookReceiptDto>().Duplicates);
        Assert.Equal(1, CapturesOf(paypalOrderId));
        Assert.Equal(PaymentStatus.Succeeded, (await _admin.GetPaymentAsync(paymentId)).Status);
        Assert.Equal(OrderStatus.Paid, (await _admin.GetOrderAsync(orderId)).Status);
    }

    private async Task<ApiResponse> PostPayPalAsync(string body, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/webhooks/paypal") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("PAYPAL-AUTH-ALGO", "SHA256withRSA");
        request.Headers.TryAddWithoutValidation("PAYPAL-CERT-URL", "https://api-m.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-1d93a270");
        request.Headers.TryAddWithoutValidation("PAYPAL-TRANSMISSION-ID", Guid.NewGuid().ToString());
        request.Headers.TryAddWithoutValidation("PAYPAL-TRANSMISSION-SIG", signature);
        request.Headers.TryAddWithoutValidation("PAYPAL-TRANSMISSION-TIME", "2026-11-22T12:00:00Z");
        return await ApiClientExtensions.ReadAsync(await _api.CreateClient().SendAsync(request));
    }

    [Fact]
    public async Task No_log_line_of_the_api_carries_a_secret_a_token_or_a_signature()
    {
        var customer = await _admin.CreateCustomerAsync();
        var topUp = (await StripeTopUpAsync(customer, 4200, "pm_card_threeDSecure2Required")).As<TopUpDto>();
        var intentId = IntentIdOf(topUp.Payment.Id);
        _stripe.SetStatus(intentId, "succeeded");
        var (_, _, signature) = await DeliverAsync(intentId, $"evt_{Guid.NewGuid():N}");
        await DeliverAsync(intentId, $"evt_{Guid.NewGuid():N}", secret: "whsec_attacker");
        _stripe.SlowAnswers = 3;
        await StripeTopUpAsync(customer, 100, "pm_card_visa");
        _stripe.SlowAnswers = 0;

        var (_, paypalPaymentId, paypalOrderId) = await PayPalOrderAsync();
        _paypal.Approve(paypalOrderId);
        await _admin.PostJsonAsync($"/v1/payments/{paypalPaymentId}/confirm", null);

        var lines = _api.LogLines.ToList();
        Assert.Contains(lines, l => l.Contains("api.stripe.com", StringComparison.Ordinal) || l.Contains(_stripe.Server.BaseUrl.Authority, StringComparison.Ordinal));
        string[] secrets =
        [
            FakeStripe.SecretKey, StripeApiFixture.WebhookSecret, "pm_card_threeDSecure2Required", "pm_card_visa", signature.Split("v1=")[1], "_secret_fake",
            FakePayPal.ClientSecret, FakePayPal.AccessToken,
        ];
        Assert.DoesNotContain(lines, l => secrets.Any(s => l.Contains(s, StringComparison.Ordinal)));
    }

    private async Task<ReconciliationPass> ReconcileAsync()
    {
        await using var scope = _api.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IPaymentReconciliation>().RunOnceAsync(CancellationToken.None);
    }

    private Task<List<string>> DueAsync()
    {
        var now = _api.Clock.GetUtcNow();
        return _api.WithDbAsync(db => db.Payments.Where(p => p.NextSyncAt != null && p.NextSyncAt <= now).Select(p => p.Id).ToListAsync());
    }
}

public sealed class SqliteGatewayTests(SqliteStripeFixture fixture) : GatewayTests(fixture), IClassFixture<SqliteStripeFixture>;

public sealed class PostgresGatewayTests(PostgresStripeFixture fixture) : GatewayTests(fixture), IClassFixture<PostgresStripeFixture>;
