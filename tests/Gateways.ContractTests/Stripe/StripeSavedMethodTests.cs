using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Domain.Monetary;
using CleanPrepay.Domain.PaymentMethods;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Gateways.ContractTests.Support;
using CleanPrepay.Infrastructure.Gateways.Stripe;

namespace CleanPrepay.Gateways.ContractTests.Stripe;

/// <summary>
/// Saved cards on Stripe (ADR 0038) over real HTTP against the local Stripe: a Customer created once,
/// SetupIntents with usage=off_session, off-session PaymentIntents, authentication_required, detach.
/// </summary>
public sealed class StripeSavedMethodTests : IAsyncLifetime
{
    private FakeStripe _stripe = null!;
    private GatewayHost _host = null!;

    private ISavedMethodGateway Stripe => (ISavedMethodGateway)_host.Gateway("stripe");

    public async Task InitializeAsync()
    {
        _stripe = await FakeStripe.StartAsync();
        var settings = _stripe.Settings();
        settings["Gateways:Stripe:OffSessionActionUrl"] = "https://tv.example/pay/{paymentId}";
        _host = new GatewayHost(settings);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _stripe.DisposeAsync();
    }

    private async Task<(string Customer, GatewaySetupOutcome Setup)> SavedAsync(string token, string id = "spm_1")
    {
        var customer = await Stripe.CreateCustomerAsync(new GatewayCustomerRequest("cus_ours", "ann@example.test", "Ann", "customer_cus_ours"), default);
        var setup = await Stripe.SetupAsync(new GatewaySetupRequest(id, "cus_ours", customer, SavedMethodKind.Card, token, null, id), default);
        return (customer, setup);
    }

    private static GatewaySavedChargeRequest Charge(string customer, string method, bool offSession = true, string id = "pay_r1") =>
        new(id, Money.Of(700, "EUR"), new GatewaySavedMethod(customer, method, SavedMethodKind.Card), offSession, id, "cus_ours", "Subscription sub_1 renewal");

    [Fact]
    public async Task The_stripe_customer_is_created_once_under_our_key_with_the_customers_email_and_id()
    {
        var first = await Stripe.CreateCustomerAsync(new GatewayCustomerRequest("cus_ours", "ann@example.test", "Ann Lee", "customer_cus_ours"), default);
        var again = await Stripe.CreateCustomerAsync(new GatewayCustomerRequest("cus_ours", "ann@example.test", "Ann Lee", "customer_cus_ours"), default);

        Assert.Equal(first, again);
        Assert.Single(_stripe.Customers);
        var sent = _stripe.Server.Requests.First();
        Assert.Equal(("POST", "/v1/customers", "customer_cus_ours"), (sent.Method, sent.Path, sent.Header("Idempotency-Key")));
        Assert.Equal("email=ann%40example.test&name=Ann+Lee&metadata%5Bcustomer_id%5D=cus_ours", sent.Body);
    }

    [Fact]
    public async Task A_setup_intent_is_off_session_on_the_customer_and_answers_the_method_and_its_display_fields()
    {
        var (customer, setup) = await SavedAsync("pm_card_visa");

        Assert.Equal(SavedMethodStatus.Active, setup.Status);
        Assert.StartsWith("pm_saved", setup.ProviderMethodId);
        Assert.StartsWith("seti_fake", setup.SetupReference);
        Assert.Equal(new MethodDisplay("visa", "4242", 12, 2034), setup.Display);
        var sent = _stripe.Server.Requests.Single(r => r.Path == "/v1/setup_intents");
        Assert.Equal("spm_1", sent.Header("Idempotency-Key"));
        Assert.Equal(
            $"customer={customer}&payment_method=pm_card_visa&payment_method_types%5B0%5D=card&usage=off_session&confirm=true&expand%5B0%5D=payment_method"
            + "&metadata%5Bsaved_method_id%5D=spm_1&metadata%5Bcustomer_id%5D=cus_ours",
            sent.Body);
    }

    [Fact]
    public async Task A_declined_setup_fails_and_a_three_d_secure_one_waits_on_the_payer_with_the_redirect()
    {
        var (_, declined) = await SavedAsync("pm_card_chargeDeclined", "spm_d");
        var (_, action) = await SavedAsync("pm_card_threeDSecure2Required", "spm_a");

        Assert.Equal((SavedMethodStatus.Failed, GatewayFailureCodes.CardDeclined), (declined.Status, declined.FailureCode));
        Assert.Equal(SavedMethodStatus.RequiresAction, action.Status);
        Assert.Equal($"https://hooks.stripe.com/3d_secure_2/hosted?setup_intent={action.SetupReference}", action.NextActionUrl);

        _stripe.Setups[action.SetupReference!]["status"] = "succeeded";
        var synced = await Stripe.SyncSetupAsync(new GatewaySetupLookup("spm_a", action.SetupReference, null, SavedMethodKind.Card), default);
        Assert.Equal(SavedMethodStatus.Active, synced.Status);
    }

    [Fact]
    public async Task An_off_session_renewal_names_the_customer_the_method_off_session_and_confirm_and_is_sent_once_under_retries()
    {
        var (customer, setup) = await SavedAsync("pm_card_visa");

        var outcome = await Stripe.ChargeSavedAsync(Charge(customer, setup.ProviderMethodId!), default);
        var replay = await Stripe.ChargeSavedAsync(Charge(customer, setup.ProviderMethodId!), default);

        Assert.Equal((PaymentStatus.Succeeded, outcome.ProviderReference), (replay.Status, replay.ProviderReference));
        Assert.Single(_stripe.Intents);
        var sent = _stripe.Server.Requests.Last(r => r.Path == "/v1/payment_intents");
        Assert.Equal("pay_r1", sent.Header("Idempotency-Key"));
        Assert.Equal(
            $"amount=700&currency=eur&customer={customer}&payment_method={setup.ProviderMethodId}&payment_method_types%5B0%5D=card&confirm=true&off_session=true"
            + "&description=Subscription+sub_1+renewal&metadata%5Bpayment_id%5D=pay_r1&metadata%5Bcustomer_id%5D=cus_ours",
            sent.Body);
    }

    [Fact]
    public async Task Authentication_required_is_requires_action_with_the_payers_link_until_they_complete_it()
    {
        var (customer, setup) = await SavedAsync("pm_card_authenticationRequired");

        var outcome = await Stripe.ChargeSavedAsync(Charge(customer, setup.ProviderMethodId!, id: "pay_3ds"), default);

        Assert.Equal((PaymentStatus.RequiresAction, "https://tv.example/pay/pay_3ds"), (outcome.Status, outcome.NextActionUrl));
        var lookup = new GatewayPaymentLookup("pay_3ds", outcome.ProviderReference, Money.Of(700, "EUR"));
        Assert.Equal(PaymentStatus.RequiresAction, (await _host.Gateway("stripe").SyncAsync(lookup, default)).Status);

        _stripe.SetStatus(outcome.ProviderReference!, "succeeded");
        Assert.Equal(PaymentStatus.Succeeded, (await _host.Gateway("stripe").ConfirmPaymentAsync(lookup, default)).Status);
    }

    [Fact]
    public async Task A_card_declined_later_fails_with_the_neutral_code()
    {
        var (customer, setup) = await SavedAsync("pm_card_chargeDeclinedLater");

        var outcome = await Stripe.ChargeSavedAsync(Charge(customer, setup.ProviderMethodId!, id: "pay_d"), default);

        Assert.Equal((PaymentStatus.Failed, GatewayFailureCodes.CardDeclined), (outcome.Status, outcome.FailureCode));
    }

    [Fact]
    public async Task A_paying_customer_who_asks_to_save_gets_setup_future_usage_and_the_method_back()
    {
        var customer = await Stripe.CreateCustomerAsync(new GatewayCustomerRequest("cus_ours", "ann@example.test", "Ann", "customer_cus_ours"), default);

        var outcome = await _host.Gateway("stripe").CreatePaymentAsync(
            new GatewayPaymentRequest("pay_s", Money.Of(999, "EUR"), "pm_card_visa", "pay_s", "cus_ours", "Order ord_1") { SaveForFutureUse = true, ProviderCustomerId = customer },
            default);

        Assert.Equal(PaymentStatus.Succeeded, outcome.Status);
        Assert.Equal((SavedMethodKind.Card, customer, "4242"), (outcome.SavedMethod!.Kind, outcome.SavedMethod.ProviderCustomerId, outcome.SavedMethod.Display.Last4));
        Assert.Equal(customer, _stripe.Attached[outcome.SavedMethod.ProviderMethodId]);
        Assert.EndsWith($"&customer={customer}&setup_future_usage=off_session&expand%5B0%5D=payment_method", _stripe.Server.Requests.Last().Body);
    }

    [Fact]
    public async Task A_card_saved_while_paying_through_three_d_secure_comes_back_with_the_later_success_from_a_sync_or_a_webhook()
    {
        var customer = await Stripe.CreateCustomerAsync(new GatewayCustomerRequest("cus_ours", "ann@example.test", "Ann", "customer_cus_ours"), default);
        var created = await _host.Gateway("stripe").CreatePaymentAsync(
            new GatewayPaymentRequest("pay_3ds", Money.Of(999, "EUR"), "pm_card_threeDSecure2Required", "pay_3ds", "cus_ours", "Order ord_1") { SaveForFutureUse = true, ProviderCustomerId = customer },
            default);
        Assert.Equal((PaymentStatus.RequiresAction, (SavedMethodDetails?)null), (created.Status, created.SavedMethod));

        var intent = _stripe.SetStatus(created.ProviderReference!, "succeeded");
        var synced = await _host.Gateway("stripe").SyncAsync(new GatewayPaymentLookup("pay_3ds", created.ProviderReference, Money.Of(999, "EUR")), default);
        var notified = StripeWebhooks.Parse(System.Text.Encoding.UTF8.GetBytes(new System.Text.Json.Nodes.JsonObject
        {
            ["id"] = "evt_1", ["object"] = "event", ["type"] = "payment_intent.succeeded", ["data"] = new System.Text.Json.Nodes.JsonObject { ["object"] = intent.DeepClone() },
        }.ToJsonString())).Events.Single();

        var kept = (string)intent["payment_method"]!;
        Assert.Equal(customer, _stripe.Attached[kept]);
        Assert.Equal(new SavedMethodDetails(SavedMethodKind.Card, kept, customer, new MethodDisplay("visa", "4242", 12, 2034)), synced.SavedMethod); // expanded
        Assert.Equal(new SavedMethodDetails(SavedMethodKind.Card, kept, customer, MethodDisplay.None), notified.SavedMethod); // a webhook names the card by id
        var get = _stripe.Server.Requests.Last(r => r.Method == "GET");
        Assert.Equal("expand%5B0%5D=payment_method", get.Query.TrimStart('?'));
        Assert.All(await SpecValidator.ValidateAsync("stripe", [get]), v => Assert.True(v.Errors.Count == 0, v.ToString()));
        Assert.Null(StripeStatuses.KeptMethod(new System.Text.Json.Nodes.JsonObject { ["id"] = "pi_1", ["status"] = "succeeded", ["customer"] = customer, ["payment_method"] = kept })); // no setup_future_usage
    }

    [Fact]
    public async Task Revoking_detaches_the_method_and_a_detached_method_cannot_be_charged()
    {
        var (customer, setup) = await SavedAsync("pm_card_visa");

        await Stripe.RevokeAsync(new GatewaySavedMethod(customer, setup.ProviderMethodId!, SavedMethodKind.Card), default);
        var refused = await Assert.ThrowsAsync<GatewayException>(() => Stripe.ChargeSavedAsync(Charge(customer, setup.ProviderMethodId!, id: "pay_after"), default));

        Assert.Null(_stripe.Attached[setup.ProviderMethodId!]);
        Assert.Equal($"/v1/payment_methods/{setup.ProviderMethodId}/detach", _stripe.Server.Requests.Single(r => r.Path.EndsWith("/detach", StringComparison.Ordinal)).Path);
        Assert.Equal(GatewayErrorKind.InvalidRequest, refused.Kind); // a refused creation: the pipeline fails the payment, nothing is taken
    }

    [Fact]
    public async Task Every_saved_method_request_matches_stripes_published_spec_and_no_log_line_has_the_key_or_a_method()
    {
        var (customer, setup) = await SavedAsync("pm_card_visa");
        await Stripe.SyncSetupAsync(new GatewaySetupLookup("spm_1", setup.SetupReference, customer, SavedMethodKind.Card), default);
        await Stripe.ChargeSavedAsync(Charge(customer, setup.ProviderMethodId!), default);
        await Stripe.ChargeSavedAsync(Charge(customer, setup.ProviderMethodId!, offSession: false, id: "pay_on") with { ReturnUrl = "https://tv.example/back" }, default);
        await _host.Gateway("stripe").CreatePaymentAsync(
            new GatewayPaymentRequest("pay_s", Money.Of(999, "EUR"), "pm_card_visa", "pay_s", "cus_ours", "Order ord_1") { SaveForFutureUse = true, ProviderCustomerId = customer },
            default);
        await Stripe.RevokeAsync(new GatewaySavedMethod(customer, setup.ProviderMethodId!, SavedMethodKind.Card), default);

        var verdicts = await SpecValidator.ValidateAsync("stripe", _stripe.Server.Requests.ToList());

        Assert.Equal(
            ["PostCustomers", "PostSetupIntents", "GetSetupIntentsIntent", "PostPaymentIntents", "PostPaymentIntents", "PostPaymentIntents", "PostPaymentMethodsPaymentMethodDetach"],
            verdicts.Select(v => v.Operation));
        Assert.All(verdicts, v => Assert.True(v.Errors.Count == 0, v.ToString()));
        var leak = _host.LogLines.FirstOrDefault(l => l.Contains(FakeStripe.SecretKey) || l.Contains("pm_card_visa") || (l.Contains(setup.ProviderMethodId!) && !l.Contains("/detach")));
        Assert.True(leak is null, leak);
        // A PaymentMethod id is no credential, but it is kept out of logs too, except in the path Stripe gives detach.
    }
}
