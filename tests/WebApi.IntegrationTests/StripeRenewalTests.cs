using System.Net;
using System.Text.Json.Nodes;
using System.Web;
using CleanPrepay.Application.Subscriptions;
using CleanPrepay.Gateways.ContractTests.Stripe;
using CleanPrepay.WebApi.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanPrepay.WebApi.IntegrationTests;

/// <summary>
/// A Stripe subscription renewed off-session with its saved card, through the API and the local Stripe
/// over real HTTP (ADR 0038): the exact fields of the renewal's PaymentIntent, and authentication_required.
/// </summary>
public abstract class StripeRenewalTests(StripeApiFixture fixture)
{
    private readonly ApiFixture _api = fixture.Api;
    private readonly FakeStripe _stripe = fixture.Stripe;
    private readonly HttpClient _admin = fixture.Api.Admin();

    [Fact]
    public async Task A_stripe_subscription_renews_off_session_on_the_stripe_customer_with_the_saved_card()
    {
        var (customer, client) = await CustomerAsync();
        var saved = await SaveAsync(customer, client, "pm_card_visa");
        var again = await SaveAsync(customer, client, "pm_card_visa");
        Assert.Equal(("stripe", "active", "4242"), (S(saved["gateway"]), S(saved["status"]), S(saved["display"]!["last4"])));
        Assert.Single(_stripe.Customers.Values, c => (string?)c["metadata"]!["customer_id"] == customer); // created once for both
        Assert.NotEqual(S(saved["id"]), S(again["id"]));

        var (subscription, paidThrough) = await StartAsync(customer, client, S(saved["id"]));
        _api.AdvanceTo(paidThrough.AddDays(1));
        await _api.RunBillingAsync();

        var renewed = (await _admin.GetJsonAsync($"/v1/subscriptions/{subscription}")).Json;
        Assert.Equal(("active", paidThrough.AddDays(7)), (S(renewed["status"]), DateOnly.Parse(S(renewed["paidThrough"]), System.Globalization.CultureInfo.InvariantCulture)));
        // This customer's (billing runs every due subscription of the fixture, other tests' too).
        var form = _stripe.Server.Requests.Where(r => r.Path == "/v1/payment_intents").Select(r => HttpUtility.ParseQueryString(r.Body))
            .Last(f => f["metadata[customer_id]"] == customer);
        var stripeCustomer = (string)_stripe.Customers.Values.Single(c => (string?)c["metadata"]!["customer_id"] == customer)["id"]!;
        Assert.Equal(
            ("800", "eur", stripeCustomer, "true", "true"),
            (form["amount"], form["currency"], form["customer"], form["off_session"], form["confirm"]));
        Assert.Equal(_stripe.Attached.Single(a => a.Key == form["payment_method"]).Value, stripeCustomer);
        Assert.Null(form["return_url"]);
    }

    [Fact]
    public async Task An_authentication_required_stripe_renewal_goes_past_due_emails_the_link_and_is_paid_once_after_the_payer_completes_it()
    {
        var (customer, client, email) = await CustomerWithEmailAsync();
        var saved = await SaveAsync(customer, client, "pm_card_authenticationRequired");
        var (subscription, paidThrough) = await StartAsync(customer, client, S(saved["id"]));

        _api.AdvanceTo(paidThrough.AddDays(1));
        await _api.RunBillingAsync();

        Assert.Equal("past_due", S((await _admin.GetJsonAsync($"/v1/subscriptions/{subscription}")).Json["status"]));
        var payment = await _api.WithDbAsync(db => db.Payments.AsNoTracking().Where(p => p.CustomerId == customer).OrderByDescending(p => p.CreatedAt).FirstAsync());
        Assert.Equal((Domain.Payments.PaymentStatus.RequiresAction, $"https://tv.example/pay/{payment.Id}"), (payment.Status, payment.NextActionUrl));
        var mails = await _api.Smtp.WaitForAsync(email, 3);
        Assert.Contains(mails, m => m.Subject == "Action needed to renew your subscription" && m.Body.Contains($"https://tv.example/pay/{payment.Id}", StringComparison.Ordinal));

        // The payer completes it on the platform's page (Stripe.js); the confirm asks Stripe and pays the period once.
        _stripe.SetStatus(payment.ProviderReference!, "succeeded");
        var confirmed = await client.PostJsonAsync($"/v1/payments/{payment.Id}/confirm", null, Guid.NewGuid().ToString());
        await client.PostJsonAsync($"/v1/payments/{payment.Id}/confirm", null, Guid.NewGuid().ToString());
        await _api.RunBillingAsync();

        Assert.Equal("succeeded", S(confirmed.Json["status"]));
        var active = (await _admin.GetJsonAsync($"/v1/subscriptions/{subscription}")).Json;
        Assert.Equal(("active", paidThrough.AddDays(7)), (S(active["status"]), DateOnly.Parse(S(active["paidThrough"]), System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(2, await _api.WithDbAsync(db => db.Prepayments.CountAsync(p => p.SubscriptionId == subscription && p.Status == Domain.Subscriptions.PrepaymentStatus.Paid)));
    }

    [Fact]
    public async Task A_set_up_waiting_on_three_d_secure_is_activated_by_stripes_signed_setup_intent_webhook()
    {
        var (customer, client) = await CustomerAsync();
        var saving = await client.PostJsonAsync($"/v1/customers/{customer}/payment-methods", new { gateway = "stripe", paymentMethod = "pm_card_threeDSecure2Required" }, Guid.NewGuid().ToString());
        Assert.Equal("requires_action", S(saving.Json["status"]));
        var setup = await _api.WithDbAsync(db => db.SavedPaymentMethods.AsNoTracking().Where(m => m.Id == S(saving.Json["id"])).Select(m => m.SetupReference!).FirstAsync());

        _stripe.Setups[setup]["status"] = "succeeded";
        var answer = await StripeEventAsync(_stripe.Setups[setup], "setup_intent.succeeded", $"evt_seti_{Guid.NewGuid():N}");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var listed = (await client.GetJsonAsync($"/v1/customers/{customer}/payment-methods")).Json["items"]!.AsArray();
        Assert.Equal(("active", true), (S(listed.Single()!["status"]), listed.Single()!["default"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task A_card_saved_while_paying_is_kept_when_the_payer_completes_three_d_secure_and_the_confirm_says_so()
    {
        var (customer, client) = await CustomerAsync();
        var topUp = await client.PostJsonAsync(
            $"/v1/customers/{customer}/wallet/top-ups",
            new { amount = new { amount = 900, currency = "EUR" }, payment = new { gateway = "stripe", paymentMethod = "pm_card_threeDSecure2Required", save = true } }, Guid.NewGuid().ToString());
        Assert.Equal("requires_action", S(topUp.Json["status"]));
        var paymentId = S(topUp.Json["payment"]!["id"]);
        Assert.Empty((await client.GetJsonAsync($"/v1/customers/{customer}/payment-methods")).Json["items"]!.AsArray()); // nothing kept before the payer is done

        _stripe.SetStatus(await IntentOfAsync(paymentId), "succeeded");
        var confirmed = await client.PostJsonAsync($"/v1/payments/{paymentId}/confirm", null, Guid.NewGuid().ToString());
        await client.PostJsonAsync($"/v1/payments/{paymentId}/confirm", null, Guid.NewGuid().ToString());

        Assert.Equal("succeeded", S(confirmed.Json["status"]));
        var kept = Assert.Single((await client.GetJsonAsync($"/v1/customers/{customer}/payment-methods")).Json["items"]!.AsArray())!;
        Assert.Equal(("active", true, "4242"), (S(kept["status"]), kept["default"]!.GetValue<bool>(), S(kept["display"]!["last4"])));
        var method = await _api.WithDbAsync(db => db.SavedPaymentMethods.AsNoTracking().Where(m => m.Id == S(kept["id"])).Select(m => m.ProviderMethodId!).FirstAsync());
        Assert.NotNull(_stripe.Attached[method]); // the card Stripe attached to the Customer, not the one-time token
        Assert.Equal(900, await _admin.BalanceAsync(customer, "EUR"));
    }

    [Fact]
    public async Task A_card_saved_while_paying_is_kept_once_when_only_stripes_signed_webhook_reports_the_success()
    {
        var (customer, client) = await CustomerAsync();
        var topUp = await client.PostJsonAsync(
            $"/v1/customers/{customer}/wallet/top-ups",
            new { amount = new { amount = 700, currency = "EUR" }, payment = new { gateway = "stripe", paymentMethod = "pm_card_threeDSecure2Required", save = true } }, Guid.NewGuid().ToString());
        var intent = await IntentOfAsync(S(topUp.Json["payment"]!["id"]));

        var succeeded = _stripe.SetStatus(intent, "succeeded");
        Assert.Equal(HttpStatusCode.OK, (await StripeEventAsync(succeeded, "payment_intent.succeeded", $"evt_pi_{Guid.NewGuid():N}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await StripeEventAsync(succeeded, "payment_intent.succeeded", $"evt_pi_{Guid.NewGuid():N}")).Status);

        var kept = Assert.Single((await client.GetJsonAsync($"/v1/customers/{customer}/payment-methods")).Json["items"]!.AsArray())!;
        Assert.Equal(("active", "card"), (S(kept["status"]), S(kept["kind"])));
        Assert.Equal(700, await _admin.BalanceAsync(customer, "EUR"));
    }

    [Fact]
    public async Task Deleting_a_stripe_method_detaches_it_at_stripe()
    {
        var (customer, client) = await CustomerAsync();
        var saved = await SaveAsync(customer, client, "pm_card_visa");
        var method = await _api.WithDbAsync(db => db.SavedPaymentMethods.AsNoTracking().Where(m => m.Id == S(saved["id"])).Select(m => m.ProviderMethodId).FirstAsync());

        var deleted = await client.SendJsonAsync(HttpMethod.Delete, $"/v1/customers/{customer}/payment-methods/{S(saved["id"])}");

        Assert.Equal((HttpStatusCode.OK, "revoked"), (deleted.Status, S(deleted.Json["status"])));
        Assert.Null(_stripe.Attached[method!]);
    }

    private Task<string> IntentOfAsync(string paymentId) =>
        _api.WithDbAsync(db => db.Payments.AsNoTracking().Where(p => p.Id == paymentId).Select(p => p.ProviderReference!).FirstAsync());

    private async Task<ApiResponse> StripeEventAsync(JsonObject subject, string type, string eventId)
    {
        var body = new JsonObject
        {
            ["id"] = eventId, ["object"] = "event", ["type"] = type, ["api_version"] = "2023-08-16",
            ["created"] = _api.Clock.GetUtcNow().ToUnixTimeSeconds(), ["data"] = new JsonObject { ["object"] = subject.DeepClone() },
        }.ToJsonString();
        var t = _api.Clock.GetUtcNow().ToUnixTimeSeconds();
        var signature = $"t={t},v1={Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(StripeApiFixture.WebhookSecret), System.Text.Encoding.UTF8.GetBytes($"{t}.{body}")))}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/webhooks/stripe") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
        return await ApiClientExtensions.ReadAsync(await _api.CreateClient().SendAsync(request));
    }

    private async Task<(string Customer, HttpClient Client)> CustomerAsync()
    {
        var (customer, client, _) = await CustomerWithEmailAsync();
        return (customer, client);
    }

    private async Task<(string Customer, HttpClient Client, string Email)> CustomerWithEmailAsync()
    {
        var email = $"{Guid.NewGuid():N}@mail.test";
        var created = await _admin.PostJsonAsync("/v1/customers", new { email, name = "Stripe Subscriber", language = "en", country = "DE" });
        var id = S(created.Json["id"]);
        return (id, _api.Customer(id), email);
    }

    private static async Task<JsonNode> SaveAsync(string customer, HttpClient client, string token)
    {
        var saved = await client.PostJsonAsync($"/v1/customers/{customer}/payment-methods", new { gateway = "stripe", paymentMethod = token }, Guid.NewGuid().ToString());
        Assert.True(saved.Status == HttpStatusCode.Created, saved.Body?.ToJsonString());
        return saved.Json;
    }

    private async Task<(string Id, DateOnly PaidThrough)> StartAsync(string customer, HttpClient client, string saved)
    {
        var plan = await _admin.PostJsonAsync("/v1/plans", new { name = $"Weekly {Guid.NewGuid():N}", price = new { amount = 800, currency = "EUR" }, interval = "week", billing = "activation" });
        var started = await client.PostJsonAsync(
            "/v1/subscriptions", new { customerId = customer, planId = S(plan.Json["id"]), payment = new { method = "saved", savedMethodId = saved } }, Guid.NewGuid().ToString());
        Assert.True(started.Status == HttpStatusCode.Created, started.Body?.ToJsonString());
        Assert.Equal("active", S(started.Json["status"]));
        return (S(started.Json["id"]), DateOnly.Parse(S(started.Json["paidThrough"]), System.Globalization.CultureInfo.InvariantCulture));
    }



    private static string S(JsonNode? node) => node!.GetValue<string>();
}

public sealed class SqliteStripeRenewalTests(SqliteStripeFixture fixture) : StripeRenewalTests(fixture), IClassFixture<SqliteStripeFixture>;

public sealed class PostgresStripeRenewalTests(PostgresStripeFixture fixture) : StripeRenewalTests(fixture), IClassFixture<PostgresStripeFixture>;
