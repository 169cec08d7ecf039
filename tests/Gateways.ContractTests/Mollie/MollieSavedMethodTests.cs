using System.Text.Json.Nodes;
using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Domain.Monetary;
using CleanPrepay.Domain.PaymentMethods;
using CleanPrepay.Domain.Payments;

namespace CleanPrepay.Gateways.ContractTests.Mollie;

/// <summary>
/// Mollie Recurring (ADR 0038) over real HTTP: a customer, a <c>first</c> payment whose mandate is the saved
/// method, <c>recurring</c> payments on it, revocation, and chargebacks as lost disputes (ADR 0040).
/// </summary>
public sealed class MollieSavedMethodTests : IAsyncLifetime
{
    private MollieFixture _f = null!;

    private ISavedMethodGateway Mollie => (ISavedMethodGateway)_f.Gateway;

    public async Task InitializeAsync() => _f = await MollieFixture.StartAsync(settings: new Dictionary<string, string?> { ["Gateways:Mollie:RedirectUrl"] = MollieFixture.ReturnUrl });

    public async Task DisposeAsync() => await _f.DisposeAsync();

    private Task<string> CustomerAsync() =>
        Mollie.CreateCustomerAsync(new GatewayCustomerRequest("cus_ours", "ann@example.test", "Ann Lee", "customer_cus_ours"), default);

    private async Task<(string Customer, GatewaySetupOutcome Setup)> SavedAsync(SavedMethodKind kind, string mandateStatus = "valid", bool declinesLater = false)
    {
        var customer = await CustomerAsync();
        var begun = await Mollie.SetupAsync(new GatewaySetupRequest("spm_1", "cus_ours", customer, kind, null, null, "spm_1"), default);
        _f.Fake.PayFirst(begun.SetupReference!, mandateStatus, declinesLater);
        return (customer, await Mollie.SyncSetupAsync(new GatewaySetupLookup("spm_1", begun.SetupReference, customer, kind), default));
    }

    private static GatewaySavedChargeRequest Recurring(string customer, string mandate, string id = "pay_r1", long amount = 700) =>
        new(id, Money.Of(amount, "EUR"), new GatewaySavedMethod(customer, mandate, SavedMethodKind.Card), true, id, "cus_ours", "Subscription sub_1 renewal");

    [Fact]
    public async Task The_customer_is_created_with_our_key_name_email_and_id()
    {
        var customer = await CustomerAsync();

        Assert.StartsWith("cst_", customer);
        var sent = _f.Fake.Requests.Single();
        Assert.Equal(("POST", "/v2/customers", "customer_cus_ours"), (sent.Method, sent.Path, sent.Header("Idempotency-Key")));
        Assert.Equal("""{"name":"Ann Lee","email":"ann@example.test","metadata":{"customer_id":"cus_ours"}}""", sent.Body);
    }

    [Fact]
    public async Task A_card_set_up_is_a_first_payment_of_one_cent_on_the_customer_and_its_mandate_is_the_saved_method()
    {
        var customer = await CustomerAsync();

        var begun = await Mollie.SetupAsync(new GatewaySetupRequest("spm_1", "cus_ours", customer, SavedMethodKind.Card, null, null, "spm_1"), default);

        Assert.Equal((SavedMethodStatus.RequiresAction, "redirect"), (begun.Status, begun.NextActionType));
        Assert.Equal($"https://www.mollie.com/checkout/select-method/{begun.SetupReference}", begun.NextActionUrl);
        var body = JsonNode.Parse(_f.Fake.Requests.Last().Body)!;
        Assert.Equal(
            $$$"""{"amount":{"currency":"EUR","value":"0.01"},"description":"Payment method set-up spm_1","redirectUrl":"{{{MollieFixture.ReturnUrl}}}","method":"creditcard","customerId":"{{{customer}}}","sequenceType":"first","metadata":{"saved_method_id":"spm_1"}}""",
            body.ToJsonString());

        var mandate = _f.Fake.PayFirst(begun.SetupReference!);
        var done = await Mollie.SyncSetupAsync(new GatewaySetupLookup("spm_1", begun.SetupReference, customer, SavedMethodKind.Card), default);

        Assert.Equal((SavedMethodStatus.Active, mandate), (done.Status, done.ProviderMethodId));
        Assert.Equal(new MethodDisplay("mastercard", "6787"), done.Display);
    }

    [Fact]
    public async Task A_sepa_mandate_comes_from_a_bank_first_payment_and_an_invalid_one_fails_with_how_to_correct_it()
    {
        var (_, valid) = await SavedAsync(SavedMethodKind.SepaDebit);
        var (_, invalid) = await SavedAsync(SavedMethodKind.SepaDebit, mandateStatus: "invalid");

        Assert.Equal((SavedMethodStatus.Active, "sepa_debit", "0000"), (valid.Status, valid.Display!.Brand, valid.Display.Last4));
        Assert.Equal("ideal", JsonNode.Parse(_f.Fake.Requests.First(r => r.Path == "/v2/payments").Body)!["method"]!.GetValue<string>());
        Assert.Equal((SavedMethodStatus.Failed, "mandate_invalid"), (invalid.Status, invalid.FailureCode));
        Assert.Contains("Check the account details", invalid.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_renewal_is_a_recurring_payment_on_the_mandate_with_no_redirect_sent_once_under_retries()
    {
        var (customer, setup) = await SavedAsync(SavedMethodKind.Card);

        var paid = await Mollie.ChargeSavedAsync(Recurring(customer, setup.ProviderMethodId!), default);
        var replay = await Mollie.ChargeSavedAsync(Recurring(customer, setup.ProviderMethodId!), default);

        Assert.Equal((PaymentStatus.Succeeded, paid.ProviderReference), (replay.Status, replay.ProviderReference));
        var sent = _f.Fake.Requests.Where(r => r.Path == "/v2/payments" && r.Header("Idempotency-Key") == "pay_r1").ToList();
        Assert.Equal(2, sent.Count); // retried with the same key: Mollie answers the first payment again
        Assert.Equal(
            $$$"""{"amount":{"currency":"EUR","value":"7.00"},"description":"Subscription sub_1 renewal","customerId":"{{{customer}}}","mandateId":"{{{setup.ProviderMethodId}}}","sequenceType":"recurring","metadata":{"payment_id":"pay_r1"}}""",
            sent[0].Body);
    }

    [Fact]
    public async Task A_sepa_renewal_is_pending_until_collected_and_a_declining_mandate_fails()
    {
        var (sepaCustomer, sepa) = await SavedAsync(SavedMethodKind.SepaDebit);
        var (cardCustomer, declining) = await SavedAsync(SavedMethodKind.Card, declinesLater: true);

        var pending = await Mollie.ChargeSavedAsync(Recurring(sepaCustomer, sepa.ProviderMethodId!, "pay_sepa"), default);
        var failed = await Mollie.ChargeSavedAsync(Recurring(cardCustomer, declining.ProviderMethodId!, "pay_dec"), default);

        Assert.Equal(PaymentStatus.Pending, pending.Status);
        _f.Fake.SetStatus(pending.ProviderReference!, "paid");
        Assert.Equal(PaymentStatus.Succeeded, (await _f.Gateway.SyncAsync(new GatewayPaymentLookup("pay_sepa", pending.ProviderReference, Money.Of(700, "EUR")), default)).Status);
        Assert.Equal(PaymentStatus.Failed, failed.Status);
    }

    [Fact]
    public async Task A_revoked_mandate_cannot_be_charged_again()
    {
        var (customer, setup) = await SavedAsync(SavedMethodKind.Card);

        await Mollie.RevokeAsync(new GatewaySavedMethod(customer, setup.ProviderMethodId!, SavedMethodKind.Card), default);
        var refused = await Assert.ThrowsAsync<GatewayException>(() => Mollie.ChargeSavedAsync(Recurring(customer, setup.ProviderMethodId!, "pay_after"), default));

        Assert.Equal("revoked", _f.Fake.Mandate(setup.ProviderMethodId!)!["status"]!.GetValue<string>());
        Assert.Equal(("DELETE", $"/v2/customers/{customer}/mandates/{setup.ProviderMethodId}"), (_f.Fake.Requests.First(r => r.Method == "DELETE").Method, _f.Fake.Requests.First(r => r.Method == "DELETE").Path));
        Assert.Equal(GatewayErrorKind.InvalidRequest, refused.Kind);
    }

    [Fact]
    public async Task A_chargeback_on_a_paid_payment_is_a_lost_dispute_reported_once_per_amount()
    {
        var reference = await _f.PaymentInAsync("paid");
        _f.Fake.ChargeBack(reference, "10.00");

        var verified = await _f.Gateway.VerifyWebhookAsync(MollieWebhookTests.Form($"id={reference}"), default);
        var again = await _f.Gateway.VerifyWebhookAsync(MollieWebhookTests.Form($"id={reference}"), default);

        var dispute = Assert.Single(verified.Events, e => e.Subject == GatewayEventSubject.Dispute);
        Assert.Equal((reference, new GatewayDispute($"{reference}:chargeback", DisputeStatus.Lost, 1000, "chargeback")), (dispute.ProviderReference, dispute.Dispute));
        Assert.Equal(dispute.EventId, Assert.Single(again.Events, e => e.Subject == GatewayEventSubject.Dispute).EventId);
    }

    [Fact]
    public async Task A_paying_customer_who_saves_gets_the_mandate_of_the_first_payment_however_the_payment_is_read()
    {
        var customer = await CustomerAsync();
        var created = await _f.Gateway.CreatePaymentAsync(MollieFixture.Request(method: "creditcard") with { SaveForFutureUse = true, ProviderCustomerId = customer }, default);
        Assert.Null(created.SavedMethod); // open at the checkout: no mandate yet

        var mandate = _f.Fake.PayFirst(created.ProviderReference!);
        var synced = await _f.Gateway.SyncAsync(new GatewayPaymentLookup("pay_1", created.ProviderReference, Money.Of(1000, "EUR")), default);
        var notified = Assert.Single((await _f.Gateway.VerifyWebhookAsync(MollieWebhookTests.Form($"id={created.ProviderReference}"), default)).Events);

        var expected = new SavedMethodDetails(SavedMethodKind.Card, mandate, customer, new MethodDisplay("mastercard", "6787"));
        Assert.Equal((PaymentStatus.Succeeded, expected), (synced.Status, synced.SavedMethod));
        Assert.Equal((GatewayEventSubject.Payment, expected), (notified.Subject, notified.SavedMethod));
        var oneOff = await _f.Gateway.CreatePaymentAsync(MollieFixture.Request() with { PaymentId = "pay_2", IdempotencyKey = "idem-create-2" }, default);
        _f.Fake.SetStatus(oneOff.ProviderReference!, "paid");
        Assert.Null((await _f.Gateway.SyncAsync(new GatewayPaymentLookup("pay_2", oneOff.ProviderReference, Money.Of(1000, "EUR")), default)).SavedMethod); // a one-off keeps nothing
    }

    [Fact]
    public async Task No_log_line_carries_the_api_key()
    {
        await SavedAsync(SavedMethodKind.SepaDebit);

        Assert.DoesNotContain(_f.Host.LogLines, l => l.Contains(FakeMollie.ApiKey, StringComparison.Ordinal) || l.Contains("NL55INGB", StringComparison.Ordinal));
    }
}
