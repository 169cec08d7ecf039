using System.Text.Json.Nodes;
using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Domain.Monetary;
using CleanPrepay.Domain.PaymentMethods;
using CleanPrepay.Domain.Payments;

namespace CleanPrepay.Gateways.ContractTests.SecurionPay;

/// <summary>SecurionPay customers and saved cards (ADR 0038) over real HTTP: a token kept as a card, charges on it, deletion.</summary>
public sealed class SecurionPaySavedCardTests : IAsyncLifetime
{
    private SecurionPayFixture _f = null!;

    private ISavedMethodGateway Cards => (ISavedMethodGateway)_f.Gateway;

    public async Task InitializeAsync() => _f = await SecurionPayFixture.StartAsync();

    public async Task DisposeAsync() => await _f.DisposeAsync();

    private async Task<(string Customer, GatewaySetupOutcome Card)> SavedAsync(string token = "tok_visa")
    {
        var customer = await Cards.CreateCustomerAsync(new GatewayCustomerRequest("cus_ours", "ann@example.test", "Ann", "customer_cus_ours"), default);
        return (customer, await Cards.SetupAsync(new GatewaySetupRequest("spm_1", "cus_ours", customer, SavedMethodKind.Card, token, null, "spm_1"), default));
    }

    private static GatewaySavedChargeRequest Charge(string customer, string card, string id = "pay_s1") =>
        new(id, Money.Of(850, "EUR"), new GatewaySavedMethod(customer, card, SavedMethodKind.Card), true, id, "cus_ours", "Subscription sub_1 renewal");

    [Fact]
    public async Task A_token_is_kept_as_a_card_on_the_customer_with_its_display_fields()
    {
        var (customer, card) = await SavedAsync();

        Assert.StartsWith("cust_", customer);
        Assert.Equal((SavedMethodStatus.Active, new MethodDisplay("visa", "4242", 12, 2034)), (card.Status, card.Display));
        Assert.Contains(card.ProviderMethodId!, _f.Fake.CustomerCards[customer]);
        var sent = _f.Fake.Requests.Last();
        Assert.Equal(("POST", $"/customers/{customer}/cards", """{"id":"tok_visa"}"""), (sent.Method, sent.Path, sent.Body));
    }

    [Fact]
    public async Task A_declined_token_is_not_saved()
    {
        _f.Fake.Declines["tok_declined"] = "card_declined";

        var (customer, card) = await SavedAsync("tok_declined");

        Assert.Equal((SavedMethodStatus.Failed, GatewayFailureCodes.CardDeclined), (card.Status, card.FailureCode));
        Assert.Empty(_f.Fake.CustomerCards[customer]);
    }

    [Fact]
    public async Task A_renewal_charges_the_customers_card_and_a_deleted_card_is_refused()
    {
        var (customer, card) = await SavedAsync();

        var paid = await Cards.ChargeSavedAsync(Charge(customer, card.ProviderMethodId!), default);
        var body = JsonNode.Parse(_f.Fake.Requests.Last().Body)!;
        await Cards.RevokeAsync(new GatewaySavedMethod(customer, card.ProviderMethodId!, SavedMethodKind.Card), default);
        var refused = await Assert.ThrowsAsync<GatewayException>(() => Cards.ChargeSavedAsync(Charge(customer, card.ProviderMethodId!, "pay_s2"), default));

        Assert.Equal(PaymentStatus.Succeeded, paid.Status);
        Assert.Equal((customer, card.ProviderMethodId, 850L, "pay_s1"), (body["customerId"]!.GetValue<string>(), body["card"]!.GetValue<string>(), body["amount"]!.GetValue<long>(), body["metadata"]!["payment_id"]!.GetValue<string>()));
        Assert.Empty(_f.Fake.CustomerCards[customer]);
        Assert.Equal(GatewayErrorKind.InvalidRequest, refused.Kind);
    }

    [Fact]
    public async Task No_log_line_carries_the_secret_key_or_the_token()
    {
        await SavedAsync();

        Assert.DoesNotContain(_f.Host.LogLines, l => l.Contains(FakeSecurionPay.SecretKey, StringComparison.Ordinal) || l.Contains("tok_visa", StringComparison.Ordinal));
    }
}
