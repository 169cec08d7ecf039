using System.Net;
using System.Text.Json.Nodes;
using CleanPrepay.Application.Accesses;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Application.Coupons;
using CleanPrepay.Application.Orders;
using CleanPrepay.Application.Payments;
using CleanPrepay.Application.Subscriptions;
using CleanPrepay.WebApi.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanPrepay.WebApi.IntegrationTests;

/// <summary>
/// StartProratedSubscription, GetPendingPrepayments and the renewal worker through the real API. The
/// test clock only moves forward and is shared by the collection, so dates are computed from "today".
/// </summary>
public abstract class SubscriptionTests(ApiFixture api)
{
    private readonly HttpClient _admin = api.Admin();
    private readonly Given _given = new(api);

    private DateOnly Today => DateOnly.FromDateTime(api.Clock.GetUtcNow().UtcDateTime);

    [Fact]
    public async Task The_seed_example_quotes_and_prepays_66_66_through_the_end_of_the_next_month()
    {
        // 50.00 EUR a month, billing on the 1st, minimum 25.00; start on the 20th of a 30-day month, then a 31-day one follows.
        var start = Next20thOf30DayMonth();
        var plan = await CreatePlanAsync(new { name = "Seed", price = Eur(5000), interval = "month", billing = "fixed", billingDay = 1, minPrepayment = Eur(2500) });
        var customer = (await _given.CustomerAsync(eur: 10000)).Id;
        var client = api.Customer(customer);

        var quote = await client.PostJsonAsync("/v1/subscriptions/quote", new { customerId = customer, planId = plan, startDate = start });

        Assert.Equal(HttpStatusCode.OK, quote.Status);
        var lastDay = new DateOnly(start.Year, start.Month, 30);
        var nextMonthEnd = lastDay.AddDays(1).AddMonths(1).AddDays(-1);
        Assert.Equal(6666, quote.Json.Amount("total"));
        Assert.Equal(D(start), quote.Json["periodStart"]!.GetValue<string>());
        Assert.Equal(D(nextMonthEnd), quote.Json["periodEnd"]!.GetValue<string>());
        Assert.Equal(
            $$$"""{"from":"{{{D(start)}}}","to":"{{{D(lastDay)}}}","days":10,"daysInPeriod":30,"amount":{"amount":1666,"currency":"EUR"}}""",
            quote.Json["partial"]!.ToJsonString());
        var full = Assert.Single(quote.Json["fullPeriods"]!.AsArray())!;
        Assert.Equal((D(lastDay.AddDays(1)), D(nextMonthEnd), 5000L), (full["from"]!.GetValue<string>(), full["to"]!.GetValue<string>(), full.Amount("amount")));

        var started = await client.PostJsonAsync(
            "/v1/subscriptions", new { customerId = customer, planId = plan, startDate = start, payment = new { method = "wallet" } }, Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.Created, started.Status);
        var s = started.As<SubscriptionDto>();
        Assert.Equal("active", W(s.Status));
        Assert.Equal(D(nextMonthEnd), W(s.PaidThrough));
        Assert.Equal(
            (6666L, "paid", D(start), D(nextMonthEnd), "initial"),
            (s.Prepayment!.Amount.Amount, W(s.Prepayment!.Status), W(s.Prepayment!.PeriodStart), W(s.Prepayment!.PeriodEnd), W(s.Prepayment!.Kind)));
        Assert.Equal(10000 - 6666, await _admin.BalanceAsync(customer, "EUR"));
        // The order holds one line per span: the 10 partial days, then the full month.
        var order = (await _admin.GetJsonAsync($"/v1/orders/{s.Prepayment!.OrderId}")).Json;
        Assert.Equal([1666L, 5000L], order["items"]!.AsArray().Select(i => i!.Amount("price")).ToArray());
        var access = Assert.Single(order["accesses"]!.AsArray())!;
        Assert.Equal($"{D(start)}T00:00:00Z", S(access["startsAt"]));
        Assert.Equal($"{D(nextMonthEnd.AddDays(1))}T00:00:00Z", S(access["expiresAt"]));
    }

    [Theory]
    [InlineData("fr", "Confirmation de paiement : Mensuel", "Nous avons bien reçu votre paiement de 66,66 EUR pour Mensuel.", "({1}) et une période standard du", "16,66 EUR", "50,00 EUR", "Bienvenue dans Mensuel")]
    [InlineData("en", "Payment confirmation: Mensuel", "We have received your payment of 66.66 EUR for Mensuel.", "({1}) and one standard period from", "16.66 EUR", "50.00 EUR", "Welcome to Mensuel")]
    public async Task A_paid_prepayment_emails_a_confirmation_and_a_welcome_in_the_customers_language(
        string language, string subject, string received, string joint, string partial, string standard, string welcome)
    {
        var start = Next20thOf30DayMonth();
        var plan = await CreatePlanAsync(new { name = "Mensuel", price = Eur(5000), interval = "month", billing = "fixed", billingDay = 1, minPrepayment = Eur(2500) });
        var email = $"{Guid.NewGuid():N}@mail.test";
        var created = await _admin.PostJsonAsync("/v1/customers", new { email, name = "Camille Martin", language, country = "FR" });
        var customer = S(created.Json["id"]);
        var started = await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = plan, startDate = start, payment = Card("pm_card_visa") });
        Assert.Equal("active", W(Sub(started).Status));

        var mails = await api.Smtp.WaitForAsync(email, 2);

        Assert.Equal(2, mails.Count);
        var confirmation = Assert.Single(mails, m => m.Subject == subject);
        var lastDay = new DateOnly(start.Year, start.Month, 30);
        var end = lastDay.AddDays(1).AddMonths(1).AddDays(-1);
        Assert.Contains(received, confirmation.Body, StringComparison.Ordinal);
        Assert.Contains(D(start), confirmation.Body, StringComparison.Ordinal);
        Assert.Contains($"{D(start)} – {D(end)}", confirmation.Body, StringComparison.Ordinal);
        Assert.Contains(joint.Replace("{1}", partial, StringComparison.Ordinal), confirmation.Body, StringComparison.Ordinal);
        Assert.Contains($"{D(lastDay.AddDays(1))}", confirmation.Body, StringComparison.Ordinal);
        Assert.Contains($"({standard})", confirmation.Body, StringComparison.Ordinal);
        Assert.Contains("Camille Martin", confirmation.Body, StringComparison.Ordinal);
        Assert.Single(mails, m => m.Subject == welcome);

        // The outbox saves the notifications' records just after the emails left: the SMTP sink can be a moment ahead.
        System.Text.Json.Nodes.JsonArray listed;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        do
        {
            listed = (await api.Customer(customer).GetJsonAsync($"/v1/customers/{customer}/notifications")).Json["items"]!.AsArray();
        }
        while (listed.Count < 2 && DateTime.UtcNow < deadline && await Task.Delay(50).ContinueWith(_ => true));

        Assert.Equal(["payment_confirmation", "welcome"], listed.Select(n => S(n!["kind"])).Order().ToArray());
        Assert.All(listed, n => Assert.Equal((email, language), (S(n!["to"]), S(n["language"]))));
        Assert.Equal(confirmation.Body, S(listed.Single(n => S(n!["kind"]) == "payment_confirmation")!["body"]));
        var other = await _admin.CreateCustomerAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await api.Customer(other).GetJsonAsync($"/v1/customers/{customer}/notifications")).Status);
    }

    [Fact]
    public async Task A_risk_rejected_consumer_needs_prepayment_enabled_then_waits_in_pending_prepayment_until_paid()
    {
        var plan = await CreatePlanAsync(new { name = "Risky", price = Eur(1000), interval = "month", billing = "activation" });
        var customer = await _admin.CreateCustomerAsync();
        var video = await _admin.CreateVideoAsync();
        await SetPrepaymentAsync(false);
        var body = new { customerId = customer, planId = plan, riskCheck = new { outcome = "rejected" } };

        var refused = await _admin.PostJsonAsync("/v1/subscriptions", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal("prepayment_not_enabled", refused.Code);
        Assert.Equal(0, await api.WithDbAsync(db => db.Subscriptions.CountAsync(x => x.CustomerId == customer)));

        await SetPrepaymentAsync(true);
        var paypal = await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = plan, riskCheck = new { outcome = "rejected" }, payment = new { method = "gateway", gateway = "paypal", paymentMethod = "x" } });
        Assert.Equal(HttpStatusCode.BadRequest, paypal.Status); // paypal is not a configured gateway here: refused before the instant-method rule

        var pending = await _admin.PostJsonAsync("/v1/subscriptions", body);

        Assert.Equal(HttpStatusCode.Created, pending.Status);
        Assert.Equal("pending_prepayment", W(Sub(pending).Status));
        var prepaymentId = Sub(pending).Prepayment!.Id;
        Assert.Equal((1000L, "pending"), (Sub(pending).Prepayment!.Amount.Amount, W(Sub(pending).Prepayment!.Status)));
        Assert.False((await Entitlement(customer, video)).Entitled);
        var listed = await _admin.GetJsonAsync($"/v1/prepayments?status=pending&customerId={customer}");
        Assert.Equal([prepaymentId], listed.Items<PrepaymentDto>().Select(i => i.Id).ToArray());

        var broke = await api.Customer(customer).PostJsonAsync($"/v1/prepayments/{prepaymentId}/pay", new { payment = new { method = "wallet" } });
        Assert.Equal("insufficient_balance", broke.Code);
        await _admin.AdjustAsync(customer, "credit", 1500);
        var paid = await api.Customer(customer).PostJsonAsync($"/v1/prepayments/{prepaymentId}/pay", new { payment = new { method = "wallet" } });

        Assert.Equal(HttpStatusCode.OK, paid.Status);
        Assert.Equal("active", W(Sub(paid).Status));
        Assert.Equal("wallet", W(Sub(paid).Renewal!.Method));
        Assert.Equal(500, await _admin.BalanceAsync(customer, "EUR"));
        Assert.True((await Entitlement(customer, video)).Entitled);
        Assert.Empty((await _admin.GetJsonAsync($"/v1/prepayments?status=pending&customerId={customer}")).Items<PrepaymentDto>());
        Assert.Equal("conflict", (await api.Customer(customer).PostJsonAsync($"/v1/prepayments/{prepaymentId}/pay", new { payment = new { method = "wallet" } })).Code);
    }

    [Theory]
    [InlineData("approved")]
    [InlineData("rejected")]
    public async Task A_customer_sending_a_risk_check_is_403_and_nothing_is_started(string outcome)
    {
        var plan = await CreatePlanAsync(new { name = "Self-assessed", price = Eur(1000), interval = "month", billing = "activation" });
        var customer = (await _given.CustomerAsync(eur: 5000)).Id;
        var client = api.Customer(customer);

        var refused = await client.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = plan, riskCheck = new { outcome }, payment = new { method = "wallet" } });

        Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), (refused.Status, refused.Code));
        Assert.Equal(0, await api.WithDbAsync(db => db.Subscriptions.CountAsync(x => x.CustomerId == customer)));
        Assert.Equal(5000, await _admin.BalanceAsync(customer, "EUR"));

        // Without one, the server-side check decides (by default no check: approved, so it starts paid).
        var started = await client.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = plan, payment = new { method = "wallet" } });
        Assert.Equal(HttpStatusCode.Created, started.Status);
        Assert.Equal("active", W(Sub(started).Status));
        Assert.Null(Sub(started).RiskCheck);
    }

    [Fact]
    public async Task The_server_side_risk_policy_decides_for_a_customer_who_sends_none()
    {
        var plan = await CreatePlanAsync(new { name = "Policy", price = Eur(1000), interval = "month", billing = "activation", trialDays = 7 });
        await SetPrepaymentAsync(true);
        var rejectedCountry = await _admin.CreateCustomerAsync();
        var created = await _admin.PostJsonAsync("/v1/customers", new { email = $"{Guid.NewGuid():N}@mail.test", name = "Ola", language = "en", country = "NO" });
        var approvedCountry = S(created.Json["id"]);
        var policed = new SiblingApiFixture(api);
        policed.Settings["Risk:RejectedCountries:0"] = "SE"; // CreateCustomerAsync registers customers in SE
        policed.Settings["Outbox:Enabled"] = "false"; // it must not claim, then abandon, the other tests' outbox messages
        try
        {
            await StartUnderThePolicyAsync(policed, plan, rejectedCountry, approvedCountry);
        }
        finally
        {
            await policed.DisposeAsync(); // the fixture's own dispose: its SMTP sink too
        }
    }

    private async Task StartUnderThePolicyAsync(SiblingApiFixture policed, string plan, string rejectedCountry, string approvedCountry)
    {

        var rejected = await policed.Customer(rejectedCountry).PostJsonAsync("/v1/subscriptions", new { customerId = rejectedCountry, planId = plan });
        var approved = await policed.Customer(approvedCountry).PostJsonAsync("/v1/subscriptions", new { customerId = approvedCountry, planId = plan, payment = new { method = "wallet" } });

        // Rejected: no trial, the first prepayment waits; approved: the plan's trial.
        Assert.Equal((HttpStatusCode.Created, "pending_prepayment", "rejected"), (rejected.Status, W(Sub(rejected).Status), W(Sub(rejected).RiskCheck)));
        Assert.Equal((HttpStatusCode.Created, "trialing"), (approved.Status, W(Sub(approved).Status)));
        // Staff still record an outcome from elsewhere, which overrides the policy.
        var other = await CreatePlanAsync(new { name = "Policy override", price = Eur(1000), interval = "month", billing = "activation", trialDays = 7 });
        var overridden = await policed.Admin().PostJsonAsync("/v1/subscriptions", new { customerId = rejectedCountry, planId = other, riskCheck = new { outcome = "approved" }, payment = new { method = "wallet" } });
        Assert.Equal(("trialing", "approved"), (W(Sub(overridden).Status), W(Sub(overridden).RiskCheck)));
    }

    [Fact]
    public async Task A_plans_trial_is_given_once_per_customer_even_after_cancel_now()
    {
        var plan = await CreatePlanAsync(new { name = "Trial once", price = Eur(900), interval = "month", billing = "activation", trialDays = 7, cardlessTrial = true });
        var otherPlan = await CreatePlanAsync(new { name = "Trial elsewhere", price = Eur(500), interval = "month", billing = "activation", trialDays = 3, cardlessTrial = true });
        var customer = (await _given.CustomerAsync(eur: 5000)).Id;
        var client = api.Customer(customer);
        var first = await client.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = plan });
        Assert.Equal("trialing", W(Sub(first).Status));
        Assert.Equal("canceled", W(Sub(await client.PostJsonAsync($"/v1/subscriptions/{W(Sub(first).Id)}/cancel", new { atPeriodEnd = false })).Status));

        var again = await client.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = plan });

        Assert.Equal((HttpStatusCode.UnprocessableEntity, "trial_already_used"), (again.Status, again.Code));
        Assert.Equal(1, await api.WithDbAsync(db => db.Subscriptions.CountAsync(x => x.CustomerId == customer)));
        // The quote no longer counts on the trial: the first period starts today.
        Assert.Equal(D(Today), S((await client.PostJsonAsync("/v1/subscriptions/quote", new { customerId = customer, planId = plan })).Json["periodStart"]));
        // Subscribing without the trial is still possible, and paid at once; another plan's trial is still there.
        var paid = await client.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = plan, skipTrial = true, payment = new { method = "wallet" } });
        Assert.Equal((HttpStatusCode.Created, "active", 900L), (paid.Status, W(Sub(paid).Status), Sub(paid).Prepayment!.Amount.Amount));
        Assert.Equal("trialing", W(Sub(await client.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = otherPlan })).Status));
        Assert.Equal(5000 - 900, await _admin.BalanceAsync(customer, "EUR"));
    }

    [Fact]
    public async Task A_per_merchant_trial_policy_gives_one_trial_whichever_plan()
    {
        var first = await CreatePlanAsync(new { name = "Merchant trial A", price = Eur(900), interval = "month", billing = "activation", trialDays = 7, cardlessTrial = true });
        var second = await CreatePlanAsync(new { name = "Merchant trial B", price = Eur(900), interval = "month", billing = "activation", trialDays = 7, cardlessTrial = true });
        var customer = await _admin.CreateCustomerAsync();
        var set = await _admin.SendJsonAsync(HttpMethod.Put, "/v1/settings", new { trialPolicy = "per_merchant" });
        Assert.Equal("per_merchant", S(set.Json["trialPolicy"]));
        try
        {
            Assert.Equal("trialing", W(Sub(await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = first })).Status));

            var refused = await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = second });

            Assert.Equal((HttpStatusCode.UnprocessableEntity, "trial_already_used"), (refused.Status, refused.Code));
            Assert.Equal("validation_failed", (await _admin.SendJsonAsync(HttpMethod.Put, "/v1/settings", new { trialPolicy = "per_week" })).Code);
        }
        finally
        {
            Assert.Equal("per_plan", S((await _admin.SendJsonAsync(HttpMethod.Put, "/v1/settings", new { trialPolicy = "per_plan" })).Json["trialPolicy"]));
        }
    }

    [Fact]
    public async Task A_subscription_entitles_to_what_its_plan_covers_and_never_to_an_unlisted_rent_or_buy_only_video()
    {
        var catalogue = await _admin.CreateVideoAsync();
        var premiere = await _admin.PostJsonAsync("/v1/videos", new { title = "Premiere", rent = new { price = Eur(599), accessHours = 48 }, rentOrBuyOnly = true });
        Assert.True(premiere.Json["rentOrBuyOnly"]!.GetValue<bool>());
        var premiereId = S(premiere.Json["id"]);
        var all = await _admin.PostJsonAsync("/v1/plans", new { name = "Everything", price = Eur(900), interval = "month", billing = "activation", trialDays = 7, cardlessTrial = true });
        Assert.Equal(("all_videos", 0), (S(all.Json["coverage"]), all.Json["videoIds"]!.AsArray().Count));
        var listed = await CreatePlanAsync(new { name = "Kids", price = Eur(500), interval = "month", billing = "activation", trialDays = 7, cardlessTrial = true, coverage = "listed_videos", videoIds = new[] { premiereId } });
        var allCustomer = await _admin.CreateCustomerAsync();
        var listedCustomer = await _admin.CreateCustomerAsync();
        await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = allCustomer, planId = S(all.Json["id"]) });
        await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = listedCustomer, planId = listed });

        Assert.True((await Entitlement(allCustomer, catalogue)).Entitled);
        Assert.Equal((false, null), ((await Entitlement(allCustomer, premiereId)).Entitled, W((await Entitlement(allCustomer, premiereId)).Via)));
        Assert.True((await Entitlement(listedCustomer, premiereId)).Entitled);
        Assert.False((await Entitlement(listedCustomer, catalogue)).Entitled);
        Assert.False((await Entitlement(allCustomer, "vid_00000000000000000000000000000000")).Entitled);

        // The all-videos plan lists the premiere: now it covers it too. An unknown id is refused.
        var patched = await _admin.SendJsonAsync(HttpMethod.Patch, $"/v1/plans/{S(all.Json["id"])}", new { videoIds = new[] { premiereId } });
        Assert.Equal(HttpStatusCode.OK, patched.Status);
        Assert.Equal(("subscription", true), (W((await Entitlement(allCustomer, premiereId)).Via), (await Entitlement(allCustomer, catalogue)).Entitled));
        Assert.Equal("validation_failed", (await _admin.SendJsonAsync(HttpMethod.Patch, $"/v1/plans/{listed}", new { videoIds = new[] { "vid_missing" } })).Code);
        Assert.Equal("validation_failed", (await _admin.SendJsonAsync(HttpMethod.Patch, $"/v1/plans/{listed}", new { coverage = "some" })).Code);
    }

    [Fact]
    public async Task A_declined_card_leaves_the_prepayment_pending_for_another_attempt()
    {
        var plan = await CreatePlanAsync(new { name = "Card", price = Eur(1200), interval = "month", billing = "activation" });
        var customer = await _admin.CreateCustomerAsync();

        var declined = await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = plan, payment = Card("pm_card_chargeDeclined") });

        Assert.Equal(HttpStatusCode.Created, declined.Status);
        Assert.Equal(("pending_prepayment", "pending", "failed"), (W(Sub(declined).Status), W(Sub(declined).Prepayment!.Status), W(Sub(declined).Payment!.Status)));
        var prepaymentId = Sub(declined).Prepayment!.Id;

        var paid = await _admin.PostJsonAsync($"/v1/prepayments/{prepaymentId}/pay", new { payment = Card("pm_card_visa") });

        Assert.Equal(("active", "paid", "succeeded"), (W(Sub(paid).Status), W(Sub(paid).Prepayment!.Status), W(Sub(paid).Payment!.Status)));
        Assert.Equal(2, Sub(paid).Prepayment!.Attempts);
        var orders = (await _admin.GetJsonAsync($"/v1/orders?customerId={customer}")).Json["items"]!.AsArray();
        Assert.Equal(["paid", "failed"], orders.Select(o => S(o!["status"])).ToArray());
    }

    [Fact]
    public async Task An_unpaid_prepayment_expires_and_cancels_its_subscription()
    {
        var plan = await CreatePlanAsync(new { name = "Expiring", price = Eur(900), interval = "month", billing = "activation" });
        var customer = await _admin.CreateCustomerAsync();
        await SetPrepaymentAsync(true);
        var before = api.Clock.GetUtcNow();
        var started = await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = plan, riskCheck = new { outcome = "rejected" } });
        var id = Sub(started).Id;
        var expiresAt = Sub(started).Prepayment!.ExpiresAt!.Value;
        Assert.InRange(expiresAt, before.AddDays(3), api.Clock.GetUtcNow().AddDays(3)); // Subscriptions:PrepaymentExpiry, 3 days by default

        api.Clock.Advance(expiresAt - api.Clock.GetUtcNow() - TimeSpan.FromMinutes(1));
        await RunBillingAsync();
        Assert.Equal("pending_prepayment", W((await _admin.GetJsonAsync($"/v1/subscriptions/{id}")).As<SubscriptionDto>().Status));

        api.Clock.Advance(TimeSpan.FromMinutes(2));
        await RunBillingAsync();
        var after = (await _admin.GetJsonAsync($"/v1/subscriptions/{id}")).As<SubscriptionDto>();

        Assert.Equal(("canceled", "prepayment_expired", "expired"), (W(after.Status), W(after.CancelReason), W(after.Prepayment!.Status)));
        Assert.Equal("failed", W((await _admin.GetJsonAsync($"/v1/orders/{after.Prepayment!.OrderId}")).As<OrderDto>().Status));
    }

    [Fact]
    public async Task A_trial_grants_access_then_its_end_charges_the_first_prepayment()
    {
        var plan = await CreatePlanAsync(new { name = "Trial", price = Eur(3000), interval = "month", billing = "activation", trialDays = 7 });
        var customer = await _admin.CreateCustomerAsync();
        var video = await _admin.CreateVideoAsync();
        await _admin.AdjustAsync(customer, "credit", 5000);

        var noCard = await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = plan });
        Assert.Equal(HttpStatusCode.BadRequest, noCard.Status);
        Assert.NotNull(noCard.Json["errors"]!["payment"]);

        var started = await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = plan, payment = new { method = "wallet" } });

        Assert.Equal(HttpStatusCode.Created, started.Status);
        Assert.Equal("trialing", W(Sub(started).Status));
        Assert.Equal(D(Today.AddDays(7)), W(Sub(started).TrialEndsOn));
        Assert.Null(Sub(started).Prepayment);
        Assert.True((await Entitlement(customer, video)).Entitled);
        Assert.Equal(5000, await _admin.BalanceAsync(customer, "EUR"));

        var trialEnd = Today.AddDays(7);
        api.Clock.Advance(TimeSpan.FromDays(7));
        await RunBillingAsync();
        var after = (await _admin.GetJsonAsync($"/v1/subscriptions/{Sub(started).Id}")).As<SubscriptionDto>();

        // Activation billing from the trial's end: one month from that day.
        var periodEnd = trialEnd.AddMonths(1).AddDays(-1);
        Assert.Equal(("active", D(periodEnd)), (W(after.Status), W(after.PaidThrough)));
        Assert.Equal((3000L, D(trialEnd), "paid"), (after.Prepayment!.Amount.Amount, W(after.Prepayment!.PeriodStart), W(after.Prepayment!.Status)));
        Assert.Equal(2000, await _admin.BalanceAsync(customer, "EUR"));
    }

    [Fact]
    public async Task A_cardless_trial_ends_in_pending_prepayment()
    {
        var plan = await CreatePlanAsync(new { name = "Cardless", price = Eur(800), interval = "month", billing = "activation", trialDays = 3, cardlessTrial = true });
        var customer = await _admin.CreateCustomerAsync();

        var started = await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = plan });
        Assert.Equal(("trialing", "none"), (W(Sub(started).Status), W(Sub(started).Renewal!.Method)));

        api.Clock.Advance(TimeSpan.FromDays(3));
        await RunBillingAsync();
        var after = (await _admin.GetJsonAsync($"/v1/subscriptions/{Sub(started).Id}")).As<SubscriptionDto>();

        Assert.Equal(("pending_prepayment", "pending", 800L), (W(after.Status), W(after.Prepayment!.Status), after.Prepayment!.Amount.Amount));
    }

    [Fact]
    public async Task Renewals_bill_each_period_once_from_the_wallet_then_go_past_due_and_cancel_when_it_is_empty()
    {
        var plan = await CreatePlanAsync(new { name = "Renew", price = Eur(1000), interval = "month", billing = "activation" });
        var customer = (await _given.CustomerAsync(eur: 2500)).Id;
        var started = await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = plan, payment = new { method = "wallet" } });
        var id = Sub(started).Id;
        var firstEnd = Sub(started).PaidThrough!.Value;

        await AdvanceToAsync(firstEnd.AddDays(1));
        await RunBillingAsync();
        await RunBillingAsync();
        var renewed = (await _admin.GetJsonAsync($"/v1/subscriptions/{id}")).As<SubscriptionDto>();

        var secondEnd = firstEnd.AddDays(1).AddMonths(1).AddDays(-1);
        Assert.Equal(("active", D(secondEnd)), (W(renewed.Status), W(renewed.PaidThrough)));
        Assert.Equal(("renewal", D(firstEnd.AddDays(1))), (W(renewed.Prepayment!.Kind), W(renewed.Prepayment!.PeriodStart)));
        Assert.Equal(500, await _admin.BalanceAsync(customer, "EUR"));
        Assert.Equal(2, await api.WithDbAsync(db => db.Prepayments.CountAsync(p => p.SubscriptionId == id)));

        // The next renewal finds 5.00 for a 10.00 period: past_due, retried after 1, 3 and 5 days, then canceled.
        await AdvanceToAsync(secondEnd.AddDays(1));
        await RunBillingAsync();
        var pastDue = (await _admin.GetJsonAsync($"/v1/subscriptions/{id}")).As<SubscriptionDto>();
        Assert.Equal(("past_due", 1), (W(pastDue.Status), pastDue.FailedAttempts));
        foreach (var days in new[] { 1, 3, 5 })
        {
            api.Clock.Advance(TimeSpan.FromDays(days));
            await RunBillingAsync();
        }

        var canceled = (await _admin.GetJsonAsync($"/v1/subscriptions/{id}")).As<SubscriptionDto>();
        Assert.Equal(("canceled", "payment_failed"), (W(canceled.Status), W(canceled.CancelReason)));
        Assert.Equal(500, await _admin.BalanceAsync(customer, "EUR"));
        Assert.Equal(3, await api.WithDbAsync(db => db.Prepayments.CountAsync(p => p.SubscriptionId == id)));
        Assert.Equal(4, await api.WithDbAsync(db => db.Orders.CountAsync(o => o.CustomerId == customer && o.Status == Domain.Orders.OrderStatus.Failed)));
    }

    [Fact]
    public async Task Four_workers_racing_bill_each_due_period_exactly_once()
    {
        var plan = await CreatePlanAsync(new { name = "Race", price = Eur(300), interval = "week", billing = "activation" });
        var customers = new List<string>();
        for (var i = 0; i < 24; i++)
        {
            var customer = (await _given.CustomerAsync(eur: 1000)).Id;
            Assert.Equal(HttpStatusCode.Created, (await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = plan, payment = new { method = "wallet" } })).Status);
            customers.Add(customer);
        }

        await AdvanceToAsync(Today.AddDays(7));
        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await using var scope = api.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ISubscriptionBilling>().RunOnceAsync(CancellationToken.None);
        }));
        await Task.WhenAll(workers);
        await RunBillingAsync();

        foreach (var customer in customers)
        {
            Assert.Equal(400, await _admin.BalanceAsync(customer, "EUR"));
        }

        var spans = await api.WithDbAsync(db => db.Prepayments.Where(p => customers.Contains(p.CustomerId))
            .GroupBy(p => p.SubscriptionId).Select(g => new { Count = g.Count(), Paid = g.Count(p => p.Status == Domain.Subscriptions.PrepaymentStatus.Paid) }).ToListAsync());
        Assert.Equal(customers.Count, spans.Count);
        Assert.All(spans, s => Assert.Equal((2, 2), (s.Count, s.Paid)));
    }

    [Fact]
    public async Task A_card_renewal_is_charged_through_the_gateway()
    {
        var plan = await CreatePlanAsync(new { name = "Card renew", price = Eur(700), interval = "week", billing = "activation" });
        var customer = await _admin.CreateCustomerAsync();
        var started = await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = plan, payment = Card("pm_card_visa") });
        Assert.Equal("active", W(Sub(started).Status));
        var end = Sub(started).PaidThrough!.Value;
        Assert.Equal(Today.AddDays(6), end);

        await AdvanceToAsync(end.AddDays(1));
        await RunBillingAsync();
        var renewed = (await _admin.GetJsonAsync($"/v1/subscriptions/{Sub(started).Id}")).As<SubscriptionDto>();

        Assert.Equal((D(end.AddDays(7)), "succeeded", "sandbox"), (W(renewed.PaidThrough), W(renewed.Payment!.Status), renewed.Payment!.Gateway));
    }

    [Fact]
    public async Task A_new_card_on_file_that_is_declined_at_renewal_makes_the_subscription_past_due()
    {
        var plan = await CreatePlanAsync(new { name = "New card", price = Eur(600), interval = "week", billing = "activation" });
        var customer = await _admin.CreateCustomerAsync();
        var started = await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = plan, payment = Card("pm_card_visa") });
        var id = Sub(started).Id;
        var end = Sub(started).PaidThrough!.Value;

        var other = await _admin.CreateCustomerAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await api.Customer(other).PostJsonAsync($"/v1/subscriptions/{id}/payment-method", new { payment = Card("pm_card_visa") })).Status);
        Assert.Equal("validation_failed", (await api.Customer(customer).PostJsonAsync($"/v1/subscriptions/{id}/payment-method", new { payment = new { method = "credits" } })).Code);
        var changed = await api.Customer(customer).PostJsonAsync($"/v1/subscriptions/{id}/payment-method", new { payment = Card("pm_card_chargeDeclined") });
        Assert.Equal(("gateway", "sandbox"), (W(Sub(changed).Renewal!.Method), Sub(changed).Renewal!.Gateway));

        await AdvanceToAsync(end.AddDays(1));
        await RunBillingAsync();
        var pastDue = (await _admin.GetJsonAsync($"/v1/subscriptions/{id}")).As<SubscriptionDto>();

        Assert.Equal(("past_due", 1, "failed", "pending"), (W(pastDue.Status), pastDue.FailedAttempts, W(pastDue.Payment!.Status), W(pastDue.Prepayment!.Status)));
        Assert.Equal(D(end), W(pastDue.PaidThrough));

        // Back to a card that works: the retry a day later renews.
        await api.Customer(customer).PostJsonAsync($"/v1/subscriptions/{id}/payment-method", new { payment = Card("pm_card_visa") });
        api.Clock.Advance(TimeSpan.FromDays(1));
        await RunBillingAsync();
        var renewed = (await _admin.GetJsonAsync($"/v1/subscriptions/{id}")).As<SubscriptionDto>();
        Assert.Equal(("active", D(end.AddDays(7)), 2), (W(renewed.Status), W(renewed.PaidThrough), renewed.Prepayment!.Attempts));
    }

    [Fact]
    public async Task A_renewal_stuck_awaiting_3d_secure_is_never_charged_twice_and_is_retried_once_reconciliation_ends_it()
    {
        var plan = await CreatePlanAsync(new { name = "Stuck", price = Eur(500), interval = "week", billing = "activation" });
        var customer = await _admin.CreateCustomerAsync();
        var started = await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = plan, payment = Card("pm_card_visa") });
        var id = Sub(started).Id;
        var end = Sub(started).PaidThrough!.Value;
        await _admin.PostJsonAsync($"/v1/subscriptions/{id}/payment-method", new { payment = Card("pm_card_threeDSecureRequired") });

        await AdvanceToAsync(end.AddDays(1));
        await RunBillingAsync();
        var waiting = (await _admin.GetJsonAsync($"/v1/subscriptions/{id}")).As<SubscriptionDto>();
        Assert.Equal(("active", "requires_action"), (W(waiting.Status), W(waiting.Payment!.Status)));
        var firstPayment = waiting.Payment!.Id;
        var lease = waiting.NextChargeAt!.Value - api.Clock.GetUtcNow();
        Assert.InRange(lease, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(60)); // Subscriptions:ChargeLease

        // Past the lease the outcome is still unknown: no second charge, the lease is renewed.
        api.Clock.Advance(TimeSpan.FromMinutes(61));
        await RunBillingAsync();
        var still = (await _admin.GetJsonAsync($"/v1/subscriptions/{id}")).As<SubscriptionDto>();
        Assert.Equal((firstPayment, 1), (still.Payment!.Id, still.Prepayment!.Attempts));

        // A day on, reconciliation gives up on the payer: canceled at the provider, a failed renewal, retried on schedule.
        api.Clock.Advance(TimeSpan.FromHours(24));
        await ReconcileAsync();
        var abandoned = (await _admin.GetJsonAsync($"/v1/payments/{firstPayment}")).Json;
        Assert.Equal(("canceled", "expired"), (S(abandoned["status"]), S(abandoned["failureCode"])));
        Assert.Equal("past_due", W((await _admin.GetJsonAsync($"/v1/subscriptions/{id}")).As<SubscriptionDto>().Status));

        api.Clock.Advance(TimeSpan.FromDays(1));
        await RunBillingAsync();
        var retried = (await _admin.GetJsonAsync($"/v1/subscriptions/{id}")).As<SubscriptionDto>();
        Assert.NotEqual(firstPayment, retried.Payment!.Id);
        Assert.Equal(2, retried.Prepayment!.Attempts);
        Assert.Equal("succeeded", W((await _admin.PostJsonAsync($"/v1/payments/{retried.Payment!.Id}/confirm", new { })).As<PaymentDto>().Status));
        var after = (await _admin.GetJsonAsync($"/v1/subscriptions/{id}")).As<SubscriptionDto>();
        Assert.Equal(("active", D(end.AddDays(7))), (W(after.Status), W(after.PaidThrough)));
        Assert.Equal(0, await _admin.BalanceAsync(customer, "EUR")); // nothing taken twice, nothing to give back
    }

    private async Task ReconcileAsync()
    {
        await using var scope = api.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CleanPrepay.Application.Payments.Reconciliation.IPaymentReconciliation>().RunOnceAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Cancel_at_period_end_keeps_access_until_then_and_bills_nothing_more()
    {
        var plan = await CreatePlanAsync(new { name = "Leaving", price = Eur(600), interval = "month", billing = "activation" });
        var customer = await _admin.CreateCustomerAsync();
        var video = await _admin.CreateVideoAsync();
        await _admin.AdjustAsync(customer, "credit", 5000);
        var started = await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = plan, payment = new { method = "wallet" } });
        var id = Sub(started).Id;
        var end = Sub(started).PaidThrough!.Value;

        var other = await _admin.CreateCustomerAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await api.Customer(other).PostJsonAsync($"/v1/subscriptions/{id}/cancel", new { })).Status);
        var canceling = await api.Customer(customer).PostJsonAsync($"/v1/subscriptions/{id}/cancel", new { });

        Assert.Equal(("active", true), (W(Sub(canceling).Status), Sub(canceling).CancelAtPeriodEnd));
        await AdvanceToAsync(end);
        Assert.True((await Entitlement(customer, video)).Entitled);
        await AdvanceToAsync(end.AddDays(1));
        await RunBillingAsync();

        var after = (await _admin.GetJsonAsync($"/v1/subscriptions/{id}")).As<SubscriptionDto>();
        Assert.Equal(("canceled", "canceled_at_period_end"), (W(after.Status), W(after.CancelReason)));
        Assert.False((await Entitlement(customer, video)).Entitled);
        Assert.Equal(5000 - 600, await _admin.BalanceAsync(customer, "EUR"));
    }

    [Fact]
    public async Task Cancel_now_ends_access_at_once()
    {
        var plan = await CreatePlanAsync(new { name = "Now", price = Eur(600), interval = "month", billing = "activation" });
        var customer = await _admin.CreateCustomerAsync();
        var video = await _admin.CreateVideoAsync();
        var started = await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = plan, payment = Card("pm_card_visa") });
        Assert.True((await Entitlement(customer, video)).Entitled);

        var canceled = await _admin.PostJsonAsync($"/v1/subscriptions/{Sub(started).Id}/cancel", new { atPeriodEnd = false });

        Assert.Equal(("canceled", "canceled"), (W(Sub(canceled).Status), W(Sub(canceled).CancelReason)));
        Assert.False((await Entitlement(customer, video)).Entitled);
        Assert.Equal("conflict", (await _admin.PostJsonAsync($"/v1/subscriptions/{Sub(started).Id}/cancel", new { })).Code);
    }

    [Fact]
    public async Task Pending_prepayments_page_by_creation_and_filter_by_customer_and_range()
    {
        await SetPrepaymentAsync(true);
        var customer = await _admin.CreateCustomerAsync();
        var from = api.Clock.GetUtcNow().AddSeconds(1);
        var ids = new List<string>();
        using (api.Clock.FreezeAt(from))
        {
            // Created exactly 1 s apart, however slow the machine: the range below cuts between them.
            for (var i = 0; i < 5; i++)
            {
                var plan = await CreatePlanAsync(new { name = $"P{i}", price = Eur(100 + i), interval = "month", billing = "activation" });
                var started = await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = plan, riskCheck = new { outcome = "rejected" } });
                ids.Add(Sub(started).Prepayment!.Id);
                api.Clock.Advance(TimeSpan.FromSeconds(1));
            }
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await api.Customer(customer).GetJsonAsync($"/v1/prepayments?status=pending&limit=2{(cursor is null ? string.Empty : $"&cursor={cursor}")}");
            Assert.Equal(HttpStatusCode.OK, page.Status);
            seen.AddRange(page.Items<PrepaymentDto>().Select(i => i.Id));
            cursor = page.As<Page<PrepaymentDto>>().NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(Enumerable.Reverse(ids), seen);

        // The back office's pages of every pending prepayment (the precompiled first-page and next-page queries): each once, newest first.
        var all = new List<JsonNode>();
        cursor = null;
        do
        {
            var page = await _admin.GetJsonAsync($"/v1/prepayments?status=pending&limit=3{(cursor is null ? string.Empty : $"&cursor={cursor}")}");
            all.AddRange(page.Json["items"]!.AsArray().Select(i => i!));
            cursor = page.Json["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);

        var keys = all.Select(i => (DateTimeOffset.Parse(S(i["createdAt"]), System.Globalization.CultureInfo.InvariantCulture), S(i["id"]))).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Equal(keys.OrderByDescending(k => k.Item1).ThenByDescending(k => k.Item2, StringComparer.Ordinal), keys);
        Assert.Subset(keys.Select(k => k.Item2).ToHashSet(), ids.ToHashSet());
        Assert.All(all, i => Assert.Equal("pending", S(i["status"])));
        var range = await _admin.GetJsonAsync(
            $"/v1/prepayments?status=pending&customerId={customer}&createdFrom={Uri.EscapeDataString(from.AddSeconds(1).ToString("O"))}&createdTo={Uri.EscapeDataString(from.AddSeconds(3).ToString("O"))}");
        Assert.Equal([ids[2], ids[1]], range.Items<PrepaymentDto>().Select(i => i.Id).ToArray());
        var other = await _admin.CreateCustomerAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await api.Customer(other).GetJsonAsync($"/v1/prepayments?customerId={customer}")).Status);
        Assert.Empty((await api.Customer(other).GetJsonAsync("/v1/prepayments?status=pending")).Items<PrepaymentDto>());
        Assert.Equal(HttpStatusCode.NotFound, (await api.Customer(other).GetJsonAsync($"/v1/prepayments/{ids[0]}")).Status);
        Assert.Equal("validation_failed", (await _admin.GetJsonAsync("/v1/prepayments?status=owed")).Code);
        Assert.Equal("validation_failed", (await _admin.GetJsonAsync("/v1/prepayments?createdFrom=yesterday")).Code);
        Assert.Equal("validation_failed", (await _admin.GetJsonAsync("/v1/prepayments?cursor=bm9wZQ")).Code);
    }

    [Fact]
    public async Task A_repeating_coupon_discounts_the_renewals_of_its_months_then_stops()
    {
        var plan = await CreatePlanAsync(new { name = "Coupon", price = Eur(1000), interval = "month", billing = "activation" });
        var (code, campaignId) = await CampaignWithIdAsync(new { name = "Two months", percentOff = 2000, duration = "repeating", durationInMonths = 2, appliesTo = "subscription" });
        var customer = (await _given.CustomerAsync(eur: 10000)).Id;

        var quote = await _admin.PostJsonAsync("/v1/subscriptions/quote", new { customerId = customer, planId = plan, couponCode = code });
        Assert.Equal((1000L, 200L, 800L), (quote.Json.Amount("subtotal"), quote.Json.Amount("discount"), quote.Json.Amount("total")));
        var started = await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = plan, couponCode = code, payment = new { method = "wallet" } });
        Assert.Equal(HttpStatusCode.Created, started.Status);
        var id = Sub(started).Id;
        var firstDay = Today;

        // Months 1 and 2 start within two months of the first day: 8.00 each; month 3 does not: 10.00.
        var charged = new List<long> { Sub(started).Prepayment!.Amount.Amount };
        for (var month = 1; month <= 2; month++)
        {
            var paidThrough = (await _admin.GetJsonAsync($"/v1/subscriptions/{id}")).As<SubscriptionDto>().PaidThrough!.Value;
            await AdvanceToAsync(paidThrough.AddDays(1));
            await RunBillingAsync();
            charged.Add((await _admin.GetJsonAsync($"/v1/subscriptions/{id}")).As<SubscriptionDto>().Prepayment!.Amount.Amount);
        }

        Assert.Equal([800L, 800L, 1000L], charged);
        Assert.Equal(D(firstDay.AddMonths(2)), W((await _admin.GetJsonAsync($"/v1/subscriptions/{id}")).As<SubscriptionDto>().Coupon!.Until));
        Assert.Equal(10000 - 2600, await _admin.BalanceAsync(customer, "EUR"));
        // The campaign's report counts every discount paid: 2.00 on the first charge and 2.00 on the first renewal.
        var report = (await _admin.GetJsonAsync($"/v1/coupon-campaigns/{campaignId}")).Json;
        Assert.Equal(400L, Assert.Single(report["discountGranted"]!.AsArray())!["amount"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_plan_change_credits_the_unused_paid_days_and_charges_the_new_plan_from_today()
    {
        var basic = await CreatePlanAsync(new { name = "Basic week", price = Eur(700), interval = "week", billing = "activation" });
        var premium = await CreatePlanAsync(new { name = "Premium week", price = Eur(1400), interval = "week", billing = "activation" });
        var customer = await _admin.CreateCustomerAsync();
        var video = await _admin.CreateVideoAsync();
        await _admin.AdjustAsync(customer, "credit", 5000);
        var started = await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = basic, payment = new { method = "wallet" } });
        var id = Sub(started).Id;
        var t = Today;

        // Upgrade on day 1: premium is a full week from today (today included), 1400, so all 7 paid days of basic are credited, 700 × 7 / 7 = 700.
        var upgraded = await api.Customer(customer).PostJsonAsync($"/v1/subscriptions/{id}/change-plan", new { planId = premium });

        Assert.Equal(HttpStatusCode.OK, upgraded.Status);
        Assert.Equal((premium, "active", D(t.AddDays(6))), (Sub(upgraded).PlanId, W(Sub(upgraded).Status), W(Sub(upgraded).PaidThrough)));
        Assert.Equal(("plan_change", 1400L), (W(Sub(upgraded).Prepayment!.Kind), Sub(upgraded).Prepayment!.Amount.Amount));
        Assert.Equal(5000 - 700 + 700 - 1400, await _admin.BalanceAsync(customer, "EUR"));
        Assert.True((await Entitlement(customer, video)).Entitled);
        Assert.Equal("conflict", (await _admin.PostJsonAsync($"/v1/subscriptions/{id}/change-plan", new { planId = basic })).Code);

        // Downgrade two days later: basic is a full week from today, 700; of premium's 7 days, today and the 4 after it are credited, 1400 × 5 / 7 = 1000.
        api.Clock.Advance(TimeSpan.FromDays(2));
        var downgraded = await _admin.PostJsonAsync($"/v1/subscriptions/{id}/change-plan", new { planId = basic });

        Assert.Equal((basic, D(t.AddDays(8))), (Sub(downgraded).PlanId, W(Sub(downgraded).PaidThrough)));
        Assert.Equal(3600 + 1000 - 700, await _admin.BalanceAsync(customer, "EUR"));
        var ledger = await _admin.LedgerAsync(customer);
        Assert.Equal(3900, ledger.Sum(e => e.Amount!.Amount));
        Assert.Equal(["refund", "refund"], ledger.Where(e => W(e.Kind) == "refund").Select(e => W(e.Kind)!).ToArray());

        var empty = await _admin.CreateCustomerAsync();
        var other = await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = empty, planId = basic, payment = Card("pm_card_visa") });
        Assert.Equal(HttpStatusCode.NotFound, (await api.Customer(customer).PostJsonAsync($"/v1/subscriptions/{S(other.Json["id"])}/change-plan", new { planId = premium })).Status);
        Assert.Equal("validation_failed", (await _admin.PostJsonAsync($"/v1/subscriptions/{id}/change-plan", new { })).Code);
    }

    [Fact]
    public async Task A_coupon_applied_to_an_active_subscription_discounts_its_next_renewal_once()
    {
        var plan = await CreatePlanAsync(new { name = "Half once", price = Eur(1000), interval = "week", billing = "activation" });
        var (code, campaignId) = await CampaignWithIdAsync(new { name = "Half", percentOff = 5000, duration = "once", appliesTo = "subscription", planIds = new[] { plan } });
        var orderOnly = await CampaignAsync(new { name = "Orders", percentOff = 1000, duration = "once", appliesTo = "order" });
        var customer = (await _given.CustomerAsync(eur: 5000)).Id;
        var started = await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = plan, payment = new { method = "wallet" } });
        var id = Sub(started).Id;

        var refused = await api.Customer(customer).PostJsonAsync("/v1/coupons/apply", new { code = orderOnly, customerId = customer, subscriptionId = id });
        Assert.Equal("coupon_invalid", refused.Code);
        Assert.Contains("applies to orders", S(refused.Json["detail"]), StringComparison.Ordinal);
        var applied = await api.Customer(customer).PostJsonAsync("/v1/coupons/apply", new { code, customerId = customer, subscriptionId = id });

        Assert.Equal(HttpStatusCode.OK, applied.Status);
        var redemption = applied.As<AppliedCouponDto>();
        Assert.Equal((id, "applied"), (redemption.Redemption.SubscriptionId, W(redemption.Redemption.Status)));
        Assert.Equal(code, redemption.Subscription!.Coupon!.Code);
        Assert.Equal("coupon_invalid", (await api.Customer(customer).PostJsonAsync("/v1/coupons/apply", new { code = orderOnly, customerId = customer, subscriptionId = id })).Code);

        var charged = new List<long>();
        for (var week = 1; week <= 2; week++)
        {
            var paidThrough = (await _admin.GetJsonAsync($"/v1/subscriptions/{id}")).As<SubscriptionDto>().PaidThrough!.Value;
            await AdvanceToAsync(paidThrough.AddDays(1));
            await RunBillingAsync();
            charged.Add((await _admin.GetJsonAsync($"/v1/subscriptions/{id}")).As<SubscriptionDto>().Prepayment!.Amount.Amount);
        }

        Assert.Equal([500L, 1000L], charged);
        Assert.Equal(5000 - 1000 - 500 - 1000, await _admin.BalanceAsync(customer, "EUR"));
        var report = (await _admin.GetJsonAsync($"/v1/coupon-campaigns/{campaignId}")).Json;
        Assert.Equal((1, 500L), (report["redemptions"]!.GetValue<int>(), Assert.Single(report["discountGranted"]!.AsArray())!["amount"]!.GetValue<long>()));
    }

    [Fact]
    public async Task Free_trial_coupons_grant_a_cardless_trial_and_extend_a_running_one()
    {
        var plan = await CreatePlanAsync(new { name = "Free trial", price = Eur(900), interval = "month", billing = "activation", cardlessTrial = true });
        var twoWeeks = await CampaignAsync(new { name = "Two weeks free", freeTrialDays = 14, duration = "once", appliesTo = "subscription" });
        var oneWeek = await CampaignAsync(new { name = "One more week", freeTrialDays = 7, duration = "once", appliesTo = "subscription" });
        var customer = await _admin.CreateCustomerAsync();
        var video = await _admin.CreateVideoAsync();

        var started = await api.Customer(customer).PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = plan, couponCode = twoWeeks });

        Assert.Equal(HttpStatusCode.Created, started.Status);
        Assert.Equal(("trialing", D(Today.AddDays(14))), (W(Sub(started).Status), W(Sub(started).TrialEndsOn)));
        Assert.True((await Entitlement(customer, video)).Entitled);

        // A second coupon on the same subscription is refused; a fresh trialing one takes the extension.
        Assert.Equal("coupon_invalid", (await _admin.PostJsonAsync("/v1/coupons/apply", new { code = oneWeek, customerId = customer, subscriptionId = Sub(started).Id })).Code);
        var other = await CreatePlanAsync(new { name = "Trial plan", price = Eur(500), interval = "month", billing = "activation", trialDays = 3, cardlessTrial = true });
        var second = await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = other });
        var extended = await _admin.PostJsonAsync("/v1/coupons/apply", new { code = oneWeek, customerId = customer, subscriptionId = Sub(second).Id });
        Assert.Equal(HttpStatusCode.OK, extended.Status);
        Assert.Equal(D(Today.AddDays(10)), W(extended.As<AppliedCouponDto>().Subscription!.TrialEndsOn));
        var access = (await _admin.GetJsonAsync($"/v1/customers/{customer}/accesses")).Json["items"]!.AsArray()
            .Single(a => a!["planId"]?.GetValue<string>() == other)!;
        Assert.Equal($"{D(Today.AddDays(10))}T00:00:00Z", S(access["expiresAt"]));
    }

    [Fact]
    public async Task A_coupon_waiting_on_the_account_discounts_the_next_subscription()
    {
        var plan = await CreatePlanAsync(new { name = "Account coupon", price = Eur(2000), interval = "month", billing = "activation" });
        var code = await CampaignAsync(new { name = "Welcome back", amountOff = Eur(500), duration = "forever", appliesTo = "account" });
        var customer = (await _given.CustomerAsync(eur: 5000)).Id;
        Assert.Equal(HttpStatusCode.OK, (await api.Customer(customer).PostJsonAsync("/v1/coupons/apply", new { code, customerId = customer })).Status);

        var started = await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = plan, payment = new { method = "wallet" } });

        Assert.Equal(1500, Sub(started).Prepayment!.Amount.Amount);
        Assert.Equal((code, (string?)null), (Sub(started).Coupon!.Code, W(Sub(started).Coupon!.Until)));
        var redemption = Assert.Single((await _admin.GetJsonAsync($"/v1/customers/{customer}/coupons")).Json["items"]!.AsArray())!;
        Assert.Equal((Sub(started).Id, 500L), (S(redemption["subscriptionId"]), redemption.Amount("discount")));
        Assert.Equal(3500, await _admin.BalanceAsync(customer, "EUR"));
    }

    [Fact]
    public async Task A_renewal_the_wallet_could_not_pay_is_paid_after_a_top_up_and_billed_once()
    {
        var plan = await CreatePlanAsync(new { name = "Top up later", price = Eur(800), interval = "week", billing = "activation" });
        var customer = (await _given.CustomerAsync(eur: 800)).Id;
        var started = await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = plan, payment = new { method = "wallet" } });
        var id = Sub(started).Id;
        var end = Sub(started).PaidThrough!.Value;

        await AdvanceToAsync(end.AddDays(1));
        await RunBillingAsync();
        var pastDue = (await _admin.GetJsonAsync($"/v1/subscriptions/{id}")).As<SubscriptionDto>();
        Assert.Equal(("past_due", "pending"), (W(pastDue.Status), W(pastDue.Prepayment!.Status)));

        await _admin.AdjustAsync(customer, "credit", 800);
        var paid = await api.Customer(customer).PostJsonAsync($"/v1/prepayments/{pastDue.Prepayment!.Id}/pay", new { payment = new { method = "wallet" } });

        Assert.Equal(HttpStatusCode.OK, paid.Status);
        Assert.Equal(("active", D(end.AddDays(7)), 0), (W(Sub(paid).Status), W(Sub(paid).PaidThrough), Sub(paid).FailedAttempts));
        api.Clock.Advance(TimeSpan.FromDays(1)); // the worker's retry time: nothing is due any more
        await RunBillingAsync();
        Assert.Equal(0, await _admin.BalanceAsync(customer, "EUR"));
        Assert.Equal(2, await api.WithDbAsync(db => db.Prepayments.CountAsync(p => p.SubscriptionId == id)));
    }

    [Fact]
    public async Task A_card_payment_completed_after_the_subscription_was_canceled_goes_back_to_the_wallet()
    {
        var plan = await CreatePlanAsync(new { name = "Late card", price = Eur(1100), interval = "month", billing = "activation" });
        var customer = await _admin.CreateCustomerAsync();
        var video = await _admin.CreateVideoAsync();
        var started = await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = plan, payment = Card("pm_card_threeDSecureRequired") });
        Assert.Equal(("pending_prepayment", "requires_action"), (W(Sub(started).Status), W(Sub(started).Payment!.Status)));

        var canceled = await _admin.PostJsonAsync($"/v1/subscriptions/{Sub(started).Id}/cancel", new { });
        Assert.Equal(("canceled", "canceled"), (W(Sub(canceled).Status), W(Sub(canceled).Prepayment!.Status)));
        var confirmed = await _admin.PostJsonAsync($"/v1/payments/{Sub(started).Payment!.Id}/confirm", new { });

        Assert.Equal("succeeded", W(confirmed.As<PaymentDto>().Status));
        Assert.Equal(1100, await _admin.BalanceAsync(customer, "EUR"));
        Assert.Equal("refund", S((await _admin.TransactionsAsync(customer)).Single()["kind"]));
        Assert.False((await Entitlement(customer, video)).Entitled);
        Assert.Equal("canceled", W((await _admin.GetJsonAsync($"/v1/subscriptions/{Sub(started).Id}")).As<SubscriptionDto>().Status));
    }

    [Fact]
    public async Task A_declined_first_charge_keeps_its_coupon_for_the_next_attempt_and_uses_it_once()
    {
        var plan = await CreatePlanAsync(new { name = "Coupon retry", price = Eur(2000), interval = "month", billing = "activation" });
        var (code, campaignId) = await CampaignWithIdAsync(new { name = "Quarter", percentOff = 2500, duration = "once", appliesTo = "subscription" });
        var customer = await _admin.CreateCustomerAsync();
        var video = await _admin.CreateVideoAsync(buy: 1000);

        var declined = await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = plan, couponCode = code, payment = Card("pm_card_chargeDeclined") });
        Assert.Equal(("pending_prepayment", 1500L), (W(Sub(declined).Status), Sub(declined).Prepayment!.Amount.Amount));
        var paid = await _admin.PostJsonAsync($"/v1/prepayments/{Sub(declined).Prepayment!.Id}/pay", new { payment = Card("pm_card_visa") });

        Assert.Equal(("active", 1500L), (W(Sub(paid).Status), Sub(paid).Prepayment!.Amount.Amount));
        var redemption = Assert.Single((await _admin.GetJsonAsync($"/v1/customers/{customer}/coupons")).Json["items"]!.AsArray())!;
        Assert.Equal((Sub(paid).Prepayment!.OrderId, "applied"), (S(redemption["orderId"]), S(redemption["status"])));
        var order = await _admin.OrderAsync(customer, [CatalogHelpers.Buy(video)], "gateway", "pm_card_visa");
        Assert.Equal(0, order.Json.Amount("discount")); // the coupon did not go back to the account
        var report = (await _admin.GetJsonAsync($"/v1/coupon-campaigns/{campaignId}")).Json;
        Assert.Equal(500L, Assert.Single(report["discountGranted"]!.AsArray())!["amount"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_declined_charge_at_the_end_of_a_trial_waits_in_pending_prepayment_then_expires()
    {
        var plan = await CreatePlanAsync(new { name = "Trial declined", price = Eur(900), interval = "month", billing = "activation", trialDays = 2 });
        var customer = await _admin.CreateCustomerAsync();
        var started = await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = plan, payment = Card("pm_card_chargeDeclined") });
        var id = Sub(started).Id;
        Assert.Equal("trialing", W(Sub(started).Status));

        api.Clock.Advance(TimeSpan.FromDays(2));
        await RunBillingAsync();
        var waiting = (await _admin.GetJsonAsync($"/v1/subscriptions/{id}")).As<SubscriptionDto>();
        Assert.Equal(("pending_prepayment", "pending", "failed"), (W(waiting.Status), W(waiting.Prepayment!.Status), W(waiting.Payment!.Status)));

        api.Clock.Advance(TimeSpan.FromDays(3).Add(TimeSpan.FromMinutes(1)));
        await RunBillingAsync();
        Assert.Equal(("canceled", "prepayment_expired"), (W((await _admin.GetJsonAsync($"/v1/subscriptions/{id}")).As<SubscriptionDto>().Status), W((await _admin.GetJsonAsync($"/v1/subscriptions/{id}")).As<SubscriptionDto>().CancelReason)));
    }

    [Fact]
    public async Task An_activation_billed_trial_bills_whole_months_from_the_end_of_the_trial()
    {
        var plan = await CreatePlanAsync(new { name = "Trial months", price = Eur(1000), interval = "month", billing = "activation", trialDays = 14 });
        var customer = (await _given.CustomerAsync(eur: 5000)).Id;
        var started = await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = plan, payment = new { method = "wallet" } });
        var id = Sub(started).Id;
        var trialEnd = Sub(started).TrialEndsOn!.Value;

        await AdvanceToAsync(trialEnd);
        await RunBillingAsync();
        var first = (await _admin.GetJsonAsync($"/v1/subscriptions/{id}")).As<SubscriptionDto>().PaidThrough!.Value;
        await AdvanceToAsync(first.AddDays(1));
        await RunBillingAsync();
        var second = (await _admin.GetJsonAsync($"/v1/subscriptions/{id}")).As<SubscriptionDto>().PaidThrough!.Value;

        // Both periods run from the trial's last day + 1 in one month to the day before it in the next (the day clamped to short months).
        DateOnly NextStart(DateOnly from)
        {
            var month = from.AddMonths(1);
            return new DateOnly(month.Year, month.Month, Math.Min(trialEnd.Day, DateTime.DaysInMonth(month.Year, month.Month)));
        }

        Assert.Equal(NextStart(trialEnd).AddDays(-1), first);
        Assert.Equal(NextStart(first.AddDays(1)).AddDays(-1), second);
        Assert.True(second.DayNumber - first.DayNumber >= 28);
        Assert.Equal(3000, await _admin.BalanceAsync(customer, "EUR"));
    }

    [Fact]
    public async Task Concurrent_starts_of_one_plan_make_one_subscription()
    {
        var plan = await CreatePlanAsync(new { name = "Once only", price = Eur(300), interval = "month", billing = "activation" });
        var customer = await _admin.CreateCustomerAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _admin.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = plan })));

        Assert.Single(answers, a => a.Status == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Created), a => Assert.Equal((HttpStatusCode.Conflict, "conflict"), (a.Status, a.Code)));
        Assert.Equal(1, await api.WithDbAsync(db => db.Subscriptions.CountAsync(x => x.CustomerId == customer)));
    }

    [Fact]
    public async Task A_plan_change_credits_nothing_for_days_already_refunded_and_drops_a_coupon_of_other_plans()
    {
        var basic = await CreatePlanAsync(new { name = "Refunded week", price = Eur(700), interval = "week", billing = "activation" });
        var premium = await CreatePlanAsync(new { name = "Other week", price = Eur(1400), interval = "week", billing = "activation" });
        var code = await CampaignAsync(new { name = "Basic only", percentOff = 1000, duration = "forever", appliesTo = "subscription", planIds = new[] { basic } });
        var customer = (await _given.CustomerAsync(eur: 5000)).Id;
        var started = await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = basic, couponCode = code, payment = new { method = "wallet" } });
        Assert.Equal((630L, code), (Sub(started).Prepayment!.Amount.Amount, Sub(started).Coupon!.Code));
        var order = (await _admin.GetJsonAsync($"/v1/orders/{Sub(started).Prepayment!.OrderId}")).As<OrderDto>();
        Assert.Equal(HttpStatusCode.Created, (await _admin.PostJsonAsync($"/v1/payments/{order.Payment!.Id}/refunds", new { })).Status);
        Assert.Equal(5000, await _admin.BalanceAsync(customer, "EUR"));

        var changed = await _admin.PostJsonAsync($"/v1/subscriptions/{Sub(started).Id}/change-plan", new { planId = premium });

        // The refunded week is worth nothing more; premium's full week costs 1400, without the basic-only coupon.
        Assert.Equal(HttpStatusCode.OK, changed.Status);
        Assert.Equal(1400L, Sub(changed).Prepayment!.Amount.Amount);
        Assert.Null(Sub(changed).Coupon);
        Assert.Equal(5000 - 1400, await _admin.BalanceAsync(customer, "EUR"));
    }

    [Fact]
    public async Task Bad_subscription_requests_are_4xx_and_change_nothing()
    {
        var plan = await CreatePlanAsync(new { name = "Bad", price = Eur(500), interval = "month" });
        var customer = await _admin.CreateCustomerAsync();

        Assert.Equal("validation_failed", (await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = customer })).Code);
        Assert.Equal("validation_failed", (await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = plan, startDate = Today.AddDays(-1) })).Code);
        Assert.Equal("validation_failed", (await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = plan, payment = new { method = "credits" } })).Code);
        Assert.Equal("validation_failed", (await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = plan, riskCheck = new { outcome = "maybe" } })).Code);
        Assert.Equal("validation_failed", (await _admin.PostJsonAsync("/v1/subscriptions/quote", new { customerId = customer, planId = plan, startDate = "2026-02-30" })).Code);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = "pln_missing" })).Status);
        Assert.Equal("price_unavailable", (await _admin.PostJsonAsync("/v1/subscriptions/quote", new { customerId = customer, planId = plan, currency = "JPY" })).Code);
        Assert.Equal("coupon_invalid", (await _admin.PostJsonAsync("/v1/subscriptions/quote", new { customerId = customer, planId = plan, couponCode = "NOPE" })).Code);
        Assert.Equal(0, await api.WithDbAsync(db => db.Subscriptions.CountAsync(s => s.CustomerId == customer)));

        Assert.Equal(HttpStatusCode.Created, (await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = plan })).Status);
        Assert.Equal("conflict", (await _admin.PostJsonAsync("/v1/subscriptions", new { customerId = customer, planId = plan })).Code);
    }

    private async Task<string> CreatePlanAsync(object plan)
    {
        var response = await _admin.PostJsonAsync("/v1/plans", plan);
        Assert.Equal(HttpStatusCode.Created, response.Status);
        return S(response.Json["id"]);
    }

    private async Task<string> CampaignAsync(object campaign) => (await CampaignWithIdAsync(campaign)).Code;

    private async Task<(string Code, string Id)> CampaignWithIdAsync(object campaign)
    {
        var code = $"S{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(campaign))!.AsObject();
        body["code"] = code;
        var created = await _admin.PostJsonAsync("/v1/coupon-campaigns", body);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        return (code, S(created.Json["id"]));
    }

    private Task<EntitlementDto> Entitlement(string customer, string video) => _admin.EntitlementAsync(customer, video);

    private async Task SetPrepaymentAsync(bool enabled) =>
        Assert.Equal(HttpStatusCode.OK, (await _admin.SendJsonAsync(HttpMethod.Put, "/v1/settings", new { prepaymentEnabled = enabled })).Status);

    /// <summary>Runs the renewal worker's passes until nothing more is due (other tests' subscriptions may be billed too).</summary>
    private Task RunBillingAsync() => api.RunBillingAsync();

    /// <summary>Moves the clock to just after the start of <paramref name="day"/> (UTC), if it is not there yet.</summary>
    private Task AdvanceToAsync(DateOnly day)
    {
        api.AdvanceTo(day);
        return Task.CompletedTask;
    }

    private DateOnly Next20thOf30DayMonth()
    {
        var month = new DateOnly(Today.Year, Today.Month, 1).AddMonths(1);
        while (DateTime.DaysInMonth(month.Year, month.Month) != 30)
        {
            month = month.AddMonths(1);
        }

        return month.AddDays(19);
    }

    private static object Eur(long amount) => new { amount, currency = "EUR" };

    private static object Card(string token) => new { method = "gateway", gateway = "sandbox", paymentMethod = token };

    private static string D(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string S(JsonNode? node) => node!.GetValue<string>();

    private static SubscriptionDto Sub(ApiResponse answer) => answer.As<SubscriptionDto>();

    /// <summary>A typed value as it goes on the wire (an enum's snake_case name, a date's yyyy-MM-dd), so expectations stay the contract's words.</summary>
    private static string? W<T>(T value) => TypedReads.Wire(value);
}

[Collection("sqlite")]
public sealed class SqliteSubscriptionTests(SqliteApiFixture api) : SubscriptionTests(api);

[Collection("postgres")]
public sealed class PostgresSubscriptionTests(PostgresApiFixture api) : SubscriptionTests(api);
