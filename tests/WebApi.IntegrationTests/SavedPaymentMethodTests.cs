using System.Net;
using System.Text.Json.Nodes;
using CleanPrepay.Application.Payments.Reconciliation;
using CleanPrepay.Application.Subscriptions;
using CleanPrepay.WebApi.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanPrepay.WebApi.IntegrationTests;

/// <summary>Saved payment methods and off-session charges on the sandbox's tokens (docs/reference/contract.md, second round), through the real API.</summary>
public abstract class SavedPaymentMethodTests(ApiFixture api)
{
    private readonly HttpClient _admin = api.Admin();
    private readonly Given _given = new(api);

    private DateOnly Today => DateOnly.FromDateTime(api.Clock.GetUtcNow().UtcDateTime);

    [Fact]
    public async Task A_saved_card_is_active_and_default_shows_only_display_fields_and_a_second_one_is_not_default()
    {
        var shopper = await _given.CustomerAsync();

        var first = await SaveAsync(shopper, "pm_card_visa");
        var second = await SaveAsync(shopper, "pm_card_mastercard");

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.StartsWith("spm_", S(first.Json["id"]));
        Assert.Equal(("sandbox", "card", "active", true), (S(first.Json["gateway"]), S(first.Json["kind"]), S(first.Json["status"]), first.Json["default"]!.GetValue<bool>()));
        Assert.Equal("""{"brand":"visa","last4":"4242","expMonth":12,"expYear":2034,"email":null}""", first.Json["display"]!.ToJsonString());
        Assert.False(second.Json["default"]!.GetValue<bool>());
        var listed = (await shopper.Client.GetJsonAsync($"/v1/customers/{shopper.Id}/payment-methods")).Json["items"]!.AsArray();
        Assert.Equal([S(second.Json["id"]), S(first.Json["id"])], listed.Select(m => S(m!["id"])).ToArray());
        Assert.DoesNotContain("pm_card_visa", first.Json.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forty_racing_default_changes_leave_exactly_one_default()
    {
        var shopper = await _given.CustomerAsync();
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(S((await SaveAsync(shopper, i % 2 == 0 ? "pm_card_visa" : "pm_card_mastercard")).Json["id"]));
        }

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            shopper.Client.PostJsonAsync($"/v1/customers/{shopper.Id}/payment-methods/{ids[i % 4]}/default", null)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        var defaults = await api.WithDbAsync(db => db.SavedPaymentMethods.CountAsync(m => m.CustomerId == shopper.Id && m.IsDefault));
        Assert.Equal(1, defaults);
    }

    [Fact]
    public async Task An_order_and_a_top_up_paid_with_a_saved_method_charge_it_and_another_customers_method_is_refused_changing_nothing()
    {
        var shopper = await _given.CustomerAsync();
        var saved = S((await SaveAsync(shopper, "pm_card_visa")).Json["id"]);
        var video = await _admin.CreateVideoAsync(rent: 499);

        var order = await shopper.Client.PostJsonAsync(
            "/v1/orders", new { customerId = shopper.Id, items = new[] { new { videoId = video, mode = "rent" } }, payment = new { method = "saved", savedMethodId = saved } },
            Guid.NewGuid().ToString());
        var topUp = await shopper.Client.PostJsonAsync(
            $"/v1/customers/{shopper.Id}/wallet/top-ups", new { amount = Eur(1500), payment = new { method = "saved", savedMethodId = saved } }, Guid.NewGuid().ToString());

        Assert.Equal((HttpStatusCode.Created, "paid"), (order.Status, S(order.Json["status"])));
        Assert.Equal((HttpStatusCode.Created, "succeeded"), (topUp.Status, S(topUp.Json["status"])));
        Assert.Equal(1500, await _admin.BalanceAsync(shopper.Id, "EUR"));
        var payment = await api.WithDbAsync(db => db.Payments.AsNoTracking().FirstAsync(p => p.PurposeId == S(order.Json["id"])));
        Assert.Equal((saved, false), (payment.SavedMethodId, payment.OffSession));

        var other = await _given.CustomerAsync();
        var stolen = await other.Client.PostJsonAsync(
            $"/v1/customers/{other.Id}/wallet/top-ups", new { amount = Eur(1500), payment = new { method = "saved", savedMethodId = saved } }, Guid.NewGuid().ToString());
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "saved_method_unusable"), (stolen.Status, S(stolen.Json["code"])));
        Assert.Equal(0, await _admin.BalanceAsync(other.Id, "EUR"));
        Assert.Equal(0, await api.WithDbAsync(db => db.Payments.CountAsync(p => p.CustomerId == other.Id)));
    }

    [Theory]
    [InlineData("""{"method":"saved"}""", "savedMethodId")]
    [InlineData("""{"method":"saved","savedMethodId":"spm_x","gateway":"sandbox"}""", "gateway")]
    [InlineData("""{"method":"saved","savedMethodId":"spm_x","paymentMethod":"pm_card_visa"}""", "paymentMethod")]
    [InlineData("""{"method":"gateway","gateway":"sandbox","paymentMethod":"pm_card_visa","savedMethodId":"spm_x"}""", "savedMethodId")]
    public async Task A_saved_payment_mixed_with_gateway_fields_is_a_400_naming_the_field(string payment, string field)
    {
        var shopper = await _given.CustomerAsync();

        var answer = await shopper.Client.SendJsonAsync(
            HttpMethod.Post, $"/v1/customers/{shopper.Id}/wallet/top-ups", $$"""{"amount":{"amount":1000,"currency":"EUR"},"payment":{{payment}}}""");

        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), (answer.Status, S(answer.Json["code"])));
        Assert.Contains(answer.Json["errors"]!.AsObject(), e => e.Key.EndsWith(field, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Paying_with_save_keeps_the_method_once_the_payment_succeeded()
    {
        var shopper = await _given.CustomerAsync();

        var topUp = await shopper.Client.PostJsonAsync(
            $"/v1/customers/{shopper.Id}/wallet/top-ups",
            new { amount = Eur(1000), payment = new { gateway = "sandbox", paymentMethod = "pm_card_visa", save = true } }, Guid.NewGuid().ToString());
        var declined = await shopper.Client.PostJsonAsync(
            $"/v1/customers/{shopper.Id}/wallet/top-ups",
            new { amount = Eur(1000), payment = new { gateway = "sandbox", paymentMethod = "pm_card_chargeDeclined", save = true } }, Guid.NewGuid().ToString());

        Assert.Equal(("succeeded", "failed"), (S(topUp.Json["status"]), S(declined.Json["status"])));
        var listed = (await shopper.Client.GetJsonAsync($"/v1/customers/{shopper.Id}/payment-methods")).Json["items"]!.AsArray();
        var kept = Assert.Single(listed)!;
        Assert.Equal(("active", true, "4242"), (S(kept["status"]), kept["default"]!.GetValue<bool>(), S(kept["display"]!["last4"])));
    }

    [Fact]
    public async Task A_subscription_paid_with_save_renews_off_session_from_the_method_it_kept_not_the_token()
    {
        var shopper = await _given.CustomerAsync();
        var other = S((await SaveAsync(shopper, "pm_card_mastercard")).Json["id"]); // the default, which must not be taken instead
        var plan = await _given.PlanAsync(new { name = $"Weekly {Guid.NewGuid():N}", price = Eur(600), interval = "week", billing = "activation" });

        var started = Sub(await shopper.Client.PostJsonAsync(
            "/v1/subscriptions", new { customerId = shopper.Id, planId = plan.Id, payment = new { method = "gateway", gateway = "sandbox", paymentMethod = "pm_card_visa", save = true } }, Guid.NewGuid().ToString()));

        var kept = (await shopper.Client.GetJsonAsync($"/v1/customers/{shopper.Id}/payment-methods")).Json["items"]!.AsArray()
            .Single(m => S(m!["id"]) != other)!;
        Assert.Equal(("active", "4242"), (S(kept["status"]), S(kept["display"]!["last4"])));
        Assert.Equal(S(kept["id"]), S(started["renewal"]!["savedMethodId"]));
        Assert.Null(await api.WithDbAsync(db => db.Subscriptions.AsNoTracking().Where(s => s.Id == S(started["id"])).Select(s => s.PaymentMethodToken).FirstAsync()));

        api.AdvanceTo(DateOnly.Parse(S(started["paidThrough"]), System.Globalization.CultureInfo.InvariantCulture).AddDays(1));
        await api.RunBillingAsync();

        Assert.Equal("active", S((await _admin.GetJsonAsync($"/v1/subscriptions/{S(started["id"])}")).Json["status"]));
        var renewal = await api.WithDbAsync(db => db.Payments.AsNoTracking().Where(p => p.CustomerId == shopper.Id).OrderByDescending(p => p.CreatedAt).FirstAsync());
        Assert.Equal((S(kept["id"]), true, Domain.Payments.PaymentStatus.Succeeded), (renewal.SavedMethodId, renewal.OffSession, renewal.Status));
    }

    [Fact]
    public async Task A_subscription_renews_off_session_from_its_saved_method()
    {
        var (shopper, saved, plan) = await SubscriberSetupAsync("pm_card_visa", 700);
        var started = await StartAsync(shopper, plan, saved);
        var end = Sub(started)["paidThrough"]!.GetValue<string>();

        api.AdvanceTo(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture).AddDays(1));
        await api.RunBillingAsync();

        var renewed = (await _admin.GetJsonAsync($"/v1/subscriptions/{S(Sub(started)["id"])}")).Json;
        Assert.Equal("active", S(renewed["status"]));
        Assert.Equal(saved, S(renewed["renewal"]!["savedMethodId"]));
        var renewal = await api.WithDbAsync(db => db.Payments.AsNoTracking().Where(p => p.CustomerId == shopper.Id).OrderByDescending(p => p.CreatedAt).FirstAsync());
        Assert.Equal((saved, true, Domain.Payments.PaymentStatus.Succeeded, 700L), (renewal.SavedMethodId, renewal.OffSession, renewal.Status, renewal.Amount.MinorUnits));
    }

    [Fact]
    public async Task A_batch_of_off_session_renewals_charged_side_by_side_bills_each_once()
    {
        var plan = await _given.PlanAsync(new { name = $"Batch {Guid.NewGuid():N}", price = Eur(300), interval = "week", billing = "activation" });
        var subscriptions = new List<(string Customer, string Id, DateOnly PaidThrough)>();
        for (var i = 0; i < 12; i++)
        {
            var shopper = await _given.CustomerAsync();
            var saved = S((await SaveAsync(shopper, "pm_card_visa")).Json["id"]);
            var started = Sub(await StartAsync(shopper, plan.Id, saved));
            if (i % 4 == 0)
            {
                // Every fourth renews on a card that is declined by then.
                var declining = S((await SaveAsync(shopper, "pm_card_chargeDeclinedLater")).Json["id"]);
                Assert.Equal(HttpStatusCode.OK, (await shopper.Client.SendJsonAsync(HttpMethod.Patch, $"/v1/subscriptions/{S(started["id"])}", new { savedMethodId = declining })).Status);
            }

            subscriptions.Add((shopper.Id, S(started["id"]), DateOnly.Parse(S(started["paidThrough"]), System.Globalization.CultureInfo.InvariantCulture)));
        }

        api.AdvanceTo(subscriptions.Max(s => s.PaidThrough).AddDays(1));
        await api.RunBillingAsync();

        var customers = subscriptions.Select(s => s.Customer).ToList();
        var charges = await api.WithDbAsync(db => db.Payments.AsNoTracking().Where(p => customers.Contains(p.CustomerId) && p.OffSession).ToListAsync());
        Assert.Equal(12, charges.Count);
        Assert.Equal((9, 3), (charges.Count(p => p.Status == Domain.Payments.PaymentStatus.Succeeded), charges.Count(p => p.Status == Domain.Payments.PaymentStatus.Failed)));
        foreach (var (_, id, _) in subscriptions)
        {
            Assert.Equal(2, await api.WithDbAsync(db => db.Prepayments.CountAsync(p => p.SubscriptionId == id)));
        }
    }

    [Fact]
    public async Task An_authentication_required_renewal_goes_past_due_emails_the_link_and_is_paid_once_after_the_payer_completes_it()
    {
        var email = $"{Guid.NewGuid():N}@mail.test";
        var (shopper, saved, plan) = await SubscriberSetupAsync("pm_card_authenticationRequired", 900, email, "fr");
        var started = await StartAsync(shopper, plan, saved);
        Assert.Equal("active", S(Sub(started)["status"])); // on-session the payer is there: no action needed
        var id = S(Sub(started)["id"]);
        var end = DateOnly.Parse(S(Sub(started)["paidThrough"]), System.Globalization.CultureInfo.InvariantCulture);

        api.AdvanceTo(end.AddDays(1));
        await api.RunBillingAsync();

        var pastDue = (await _admin.GetJsonAsync($"/v1/subscriptions/{id}")).Json;
        Assert.Equal("past_due", S(pastDue["status"]));
        var renewal = await api.WithDbAsync(db => db.Payments.AsNoTracking().Where(p => p.CustomerId == shopper.Id).OrderByDescending(p => p.CreatedAt).FirstAsync());
        Assert.Equal(Domain.Payments.PaymentStatus.RequiresAction, renewal.Status);
        var mails = await api.Smtp.WaitForAsync(email, 3);
        var action = Assert.Single(mails, m => m.Subject == "Action requise pour renouveler votre abonnement");
        Assert.Contains(renewal.NextActionUrl!, action.Body, StringComparison.Ordinal);

        await api.RunBillingAsync(); // a pass while the payer has not come back charges nothing new
        var confirmed = await shopper.Client.PostJsonAsync($"/v1/payments/{renewal.Id}/confirm", null, Guid.NewGuid().ToString());
        await api.RunBillingAsync();

        Assert.Equal("succeeded", S(confirmed.Json["status"]));
        var active = (await _admin.GetJsonAsync($"/v1/subscriptions/{id}")).Json;
        Assert.Equal(("active", end.AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), (S(active["status"]), S(active["paidThrough"])));
        Assert.Equal(2, await api.WithDbAsync(db => db.Payments.CountAsync(p => p.CustomerId == shopper.Id && p.Status == Domain.Payments.PaymentStatus.Succeeded)));
        var notices = (await _admin.GetJsonAsync($"/v1/customers/{shopper.Id}/notifications")).Json["items"]!.AsArray();
        Assert.Single(notices, n => S(n!["kind"]) == "payment_action_required");
    }

    [Fact]
    public async Task A_saved_card_declined_later_follows_the_retry_schedule()
    {
        var (shopper, saved, plan) = await SubscriberSetupAsync("pm_card_chargeDeclinedLater", 500);
        var started = await _admin.PostJsonAsync(
            "/v1/subscriptions", new { customerId = shopper.Id, planId = plan, payment = new { method = "gateway", gateway = "sandbox", paymentMethod = "pm_card_visa" } });
        var id = S(Sub(started)["id"]);
        Assert.Equal(HttpStatusCode.OK, (await _admin.SendJsonAsync(HttpMethod.Patch, $"/v1/subscriptions/{id}", new { savedMethodId = saved })).Status);
        var end = DateOnly.Parse(S(Sub(started)["paidThrough"]), System.Globalization.CultureInfo.InvariantCulture);

        api.AdvanceTo(end.AddDays(1));
        await api.RunBillingAsync();

        var pastDue = (await _admin.GetJsonAsync($"/v1/subscriptions/{id}")).Json;
        Assert.Equal(("past_due", 1), (S(pastDue["status"]), pastDue["failedAttempts"]!.GetValue<int>()));
        var failed = await api.WithDbAsync(db => db.Payments.AsNoTracking().Where(p => p.CustomerId == shopper.Id).OrderByDescending(p => p.CreatedAt).FirstAsync());
        Assert.Equal((Domain.Payments.PaymentStatus.Failed, "card_declined", saved), (failed.Status, failed.FailureCode, failed.SavedMethodId));
        Assert.True(pastDue["nextChargeAt"] is not null);
    }

    [Fact]
    public async Task Deleting_the_saved_method_revokes_it_and_renewals_fall_back_to_the_default_or_wait_past_due()
    {
        var (shopper, saved, plan) = await SubscriberSetupAsync("pm_card_visa", 400);
        var backup = S((await SaveAsync(shopper, "pm_card_mastercard")).Json["id"]);
        var started = await StartAsync(shopper, plan, saved);
        var id = S(Sub(started)["id"]);
        var end = DateOnly.Parse(S(Sub(started)["paidThrough"]), System.Globalization.CultureInfo.InvariantCulture);

        var deleted = await shopper.Client.SendJsonAsync(HttpMethod.Delete, $"/v1/customers/{shopper.Id}/payment-methods/{saved}", null);
        Assert.Equal(("revoked", false), (S(deleted.Json["status"]), deleted.Json["default"]!.GetValue<bool>()));
        Assert.Equal(HttpStatusCode.OK, (await shopper.Client.PostJsonAsync($"/v1/customers/{shopper.Id}/payment-methods/{backup}/default", null)).Status);
        api.AdvanceTo(end.AddDays(1));
        await api.RunBillingAsync();

        var renewed = (await _admin.GetJsonAsync($"/v1/subscriptions/{id}")).Json;
        Assert.Equal("active", S(renewed["status"]));
        var renewal = await api.WithDbAsync(db => db.Payments.AsNoTracking().Where(p => p.CustomerId == shopper.Id).OrderByDescending(p => p.CreatedAt).FirstAsync());
        Assert.Equal(backup, renewal.SavedMethodId);

        // With no method left, the next renewal fails and waits past_due on the retry schedule.
        await shopper.Client.SendJsonAsync(HttpMethod.Delete, $"/v1/customers/{shopper.Id}/payment-methods/{backup}", null);
        api.AdvanceTo(end.AddDays(8));
        await api.RunBillingAsync();
        Assert.Equal("past_due", S((await _admin.GetJsonAsync($"/v1/subscriptions/{id}")).Json["status"]));
        Assert.Empty((await shopper.Client.GetJsonAsync($"/v1/customers/{shopper.Id}/payment-methods")).Json["items"]!.AsArray());
        Assert.Equal(2, (await shopper.Client.GetJsonAsync($"/v1/customers/{shopper.Id}/payment-methods?includeRevoked=true")).Json["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_valid_sepa_mandate_sends_direct_debit_confirmed_and_an_invalid_one_direct_debit_failed_with_the_reason()
    {
        var email = $"{Guid.NewGuid():N}@mail.test";
        var shopper = await _given.CustomerAsync(email: email);

        var valid = await SaveAsync(shopper, "pm_sepa_debit");
        var invalid = await SaveAsync(shopper, "pm_sepa_debit_invalid");

        Assert.Equal(("sepa_debit", "active"), (S(valid.Json["kind"]), S(valid.Json["status"])));
        Assert.Equal((HttpStatusCode.Created, "failed", "mandate_invalid"), (invalid.Status, S(invalid.Json["status"]), S(invalid.Json["failureCode"])));
        var mails = await api.Smtp.WaitForAsync(email, 2);
        Assert.Single(mails, m => m.Subject == "Your direct debit is set up" && m.Body.Contains("3000", StringComparison.Ordinal));
        var failed = Assert.Single(mails, m => m.Subject == "Your direct debit could not be set up");
        Assert.Contains("the IBAN is not valid", failed.Body, StringComparison.Ordinal);
        Assert.Contains("check the IBAN", failed.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pending_sepa_top_up_is_credited_once_after_it_settles_through_reconciliation()
    {
        var shopper = await _given.CustomerAsync();
        var sepa = S((await SaveAsync(shopper, "pm_sepa_debit")).Json["id"]);

        var topUp = await shopper.Client.PostJsonAsync(
            $"/v1/customers/{shopper.Id}/wallet/top-ups", new { amount = Eur(2500), payment = new { method = "saved", savedMethodId = sepa } }, Guid.NewGuid().ToString());
        Assert.Equal("pending", S(topUp.Json["status"]));
        Assert.Equal(0, await _admin.BalanceAsync(shopper.Id, "EUR"));

        await ReconcileAsync();
        Assert.Equal(0, await _admin.BalanceAsync(shopper.Id, "EUR")); // 5 s of the sandbox's clock have not passed
        api.Clock.Advance(TimeSpan.FromMinutes(10));
        await ReconcileAsync();
        await ReconcileAsync();

        Assert.Equal(2500, await _admin.BalanceAsync(shopper.Id, "EUR"));
        Assert.Single(await _admin.TransactionsAsync(shopper.Id), t => S(t["kind"]) == "top_up");
    }

    [Fact]
    public async Task A_sepa_debit_paid_with_save_keeps_its_mandate_once_it_settles_not_before()
    {
        var shopper = await _given.CustomerAsync();

        var topUp = await shopper.Client.PostJsonAsync(
            $"/v1/customers/{shopper.Id}/wallet/top-ups", new { amount = Eur(1500), payment = new { gateway = "sandbox", paymentMethod = "pm_sepa_debit", save = true } }, Guid.NewGuid().ToString());
        Assert.Equal("pending", S(topUp.Json["status"]));
        await ReconcileAsync();
        Assert.Empty((await shopper.Client.GetJsonAsync($"/v1/customers/{shopper.Id}/payment-methods")).Json["items"]!.AsArray());

        api.Clock.Advance(TimeSpan.FromMinutes(10));
        await ReconcileAsync();
        await ReconcileAsync();

        Assert.Equal(1500, await _admin.BalanceAsync(shopper.Id, "EUR"));
        var kept = Assert.Single((await shopper.Client.GetJsonAsync($"/v1/customers/{shopper.Id}/payment-methods")).Json["items"]!.AsArray())!;
        Assert.Equal(("sepa_debit", "active", true, "3000"), (S(kept["kind"]), S(kept["status"]), kept["default"]!.GetValue<bool>(), S(kept["display"]!["last4"])));
    }

    [Fact]
    public async Task Saving_needs_a_known_token_and_a_supported_kind_and_a_customer_cannot_save_for_another()
    {
        var shopper = await _given.CustomerAsync();
        var other = await _given.CustomerAsync();

        var unknown = await SaveAsync(shopper, "pm_card_unknown");
        var wrongKind = await shopper.Client.PostJsonAsync(
            $"/v1/customers/{shopper.Id}/payment-methods", new { gateway = "sandbox", paymentMethod = "pm_sepa_debit", kind = "card" }, Guid.NewGuid().ToString());
        var paypalKind = await shopper.Client.PostJsonAsync(
            $"/v1/customers/{shopper.Id}/payment-methods", new { gateway = "sandbox", paymentMethod = "pm_card_visa", kind = "paypal" }, Guid.NewGuid().ToString());
        var foreign = await shopper.Client.PostJsonAsync(
            $"/v1/customers/{other.Id}/payment-methods", new { gateway = "sandbox", paymentMethod = "pm_card_visa" }, Guid.NewGuid().ToString());
        var noGateway = await shopper.Client.PostJsonAsync($"/v1/customers/{shopper.Id}/payment-methods", new { paymentMethod = "pm_card_visa" }, Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Equal(HttpStatusCode.BadRequest, wrongKind.Status);
        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), (paypalKind.Status, S(paypalKind.Json["code"])));
        Assert.Equal(HttpStatusCode.NotFound, foreign.Status);
        Assert.Equal(HttpStatusCode.BadRequest, noGateway.Status);
        Assert.Equal(0, await api.WithDbAsync(db => db.SavedPaymentMethods.CountAsync(m => m.CustomerId == shopper.Id || m.CustomerId == other.Id)));
    }

    private async Task<(Shopper Shopper, string Saved, string Plan)> SubscriberSetupAsync(string token, long price, string? email = null, string language = "en")
    {
        var shopper = await _given.CustomerAsync(email: email, language: language);
        var saved = await SaveAsync(shopper, token);
        Assert.Equal(HttpStatusCode.Created, saved.Status);
        var plan = await _given.PlanAsync(new { name = $"Weekly {Guid.NewGuid():N}", price = Eur(price), interval = "week", billing = "activation" });
        return (shopper, S(saved.Json["id"]), plan.Id);
    }

    private Task<ApiResponse> StartAsync(Shopper shopper, string plan, string saved) =>
        shopper.Client.PostJsonAsync(
            "/v1/subscriptions", new { customerId = shopper.Id, planId = plan, payment = new { method = "saved", savedMethodId = saved } }, Guid.NewGuid().ToString());

    private static Task<ApiResponse> SaveAsync(Shopper shopper, string token) =>
        shopper.Client.PostJsonAsync($"/v1/customers/{shopper.Id}/payment-methods", new { gateway = "sandbox", paymentMethod = token }, Guid.NewGuid().ToString());


    private async Task ReconcileAsync()
    {
        await using var scope = api.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IPaymentReconciliation>().RunOnceAsync(CancellationToken.None);
    }


    private static JsonNode Sub(ApiResponse answer)
    {
        Assert.True(answer.Status == HttpStatusCode.Created, answer.Body?.ToJsonString());
        return answer.Json;
    }

    private static object Eur(long amount) => new { amount, currency = "EUR" };

    private static string S(JsonNode? node) => node!.GetValue<string>();
}

/// <summary>Swish has no off-session charge (ADR 0038): saving with it is refused before any provider call.</summary>
public sealed class SavingOnSwishTests(SqliteProbeFixture probe) : IClassFixture<SqliteProbeFixture>
{
    [Fact]
    public async Task Saving_a_swish_method_is_422_saving_not_supported_and_calls_no_provider()
    {
        var admin = probe.Api.Admin();
        var customer = await admin.CreateCustomerAsync();
        var before = probe.Calls.Requests.Count;

        var answer = await admin.PostJsonAsync($"/v1/customers/{customer}/payment-methods", new { gateway = "swish" }, Guid.NewGuid().ToString());

        Assert.Equal((HttpStatusCode.UnprocessableEntity, "saving_not_supported"), (answer.Status, answer.Json["code"]!.GetValue<string>()));
        Assert.Contains("no off-session charge", answer.Json["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, probe.Calls.Requests.Count);
        Assert.Equal(0, await probe.Api.WithDbAsync(db => db.SavedPaymentMethods.CountAsync(m => m.CustomerId == customer)));
    }
}

[Collection("sqlite")]
public sealed class SqliteSavedPaymentMethodTests(SqliteApiFixture api) : SavedPaymentMethodTests(api);

[Collection("postgres")]
public sealed class PostgresSavedPaymentMethodTests(PostgresApiFixture api) : SavedPaymentMethodTests(api);
