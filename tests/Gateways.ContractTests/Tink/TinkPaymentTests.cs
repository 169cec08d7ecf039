using System.Text.Json.Nodes;
using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Domain.Monetary;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Gateways.ContractTests.Support;
using CleanPrepay.Infrastructure.Gateways.Tink;

namespace CleanPrepay.Gateways.ContractTests.Tink;

/// <summary>One-time payments as docs/reference/providers.md#tink documents them, against the fake over real HTTP.</summary>
public sealed class TinkPaymentTests
{
    [Fact]
    public async Task Create_takes_a_token_then_POSTs_the_documented_body_and_answers_the_Tink_Link_redirect()
    {
        await using var bed = await TinkTestbed.StartAsync();

        var outcome = await bed.Gateway.CreatePaymentAsync(TinkTestbed.Request(), CancellationToken.None);

        Assert.Equal(2, bed.Fake.Requests.Count);
        var token = bed.Fake.Requests[0];
        Assert.Equal(("POST", "/api/v1/oauth/token"), (token.Method, token.Path));
        Assert.StartsWith("application/x-www-form-urlencoded", token.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal(
            $"client_id={FakeTink.ClientId}&client_secret={FakeTink.ClientSecret}&grant_type=client_credentials&scope=payment%3Aread%2Cpayment%3Awrite",
            token.Body);
        var create = bed.Fake.Requests[1];
        Assert.Equal(("POST", "/api/v1/payments/requests", "application/json"), (create.Method, create.Path, create.Header("Content-Type")));
        Assert.Equal($"Bearer {Assert.Single(bed.Fake.IssuedTokens)}", create.Header("Authorization"));
        Assert.Equal(
            """{"recipient":{"accountNumber":"SE4550000000058398257466","accountType":"iban"},"amount":10.5,"currency":"SEK","market":"SE","recipientName":"CleanPrepay AB","remittanceInformation":{"type":"UNSTRUCTURED","value":"pay_0192f0c4a1b27c3d8e9f00112233aabb"}}""",
            create.Body);

        var id = outcome.ProviderReference!;
        Assert.Equal("SEK", bed.Fake.PaymentRequest(id)["currency"]!.GetValue<string>());
        Assert.Equal((PaymentStatus.RequiresAction, "redirect"), (outcome.Status, outcome.NextActionType));
        Assert.Equal(
            $"https://link.tink.com/1.0/pay/?client_id={FakeTink.ClientId}&redirect_uri=https%3A%2F%2Fshop.example.com%2Fpaid%3Forder%3D42&market=SE&locale=en_SE&payment_request_id={id}",
            outcome.NextActionUrl);
        Assert.DoesNotContain(FakeTink.ClientSecret, outcome.NextActionUrl, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1050, "EUR", "10.5")]
    [InlineData(1000, "EUR", "10")]
    [InlineData(1, "SEK", "0.01")]
    [InlineData(10, "GBP", "0.1")]
    [InlineData(123_456_789, "DKK", "1234567.89")]
    [InlineData(999_999_999_999_999, "NOK", "9999999999999.99")]
    [InlineData(-1050, "EUR", "-10.5")]
    [InlineData(5, "JPY", "5")]
    [InlineData(1234, "KWD", "1.234")]
    public void Amounts_are_exact_JSON_numbers_in_major_units(long minor, string currency, string json)
    {
        var major = TinkGateway.MajorUnits(Money.Of(minor, currency));

        Assert.Equal($$"""{"amount":{{json}}}""", new JsonObject { ["amount"] = major }.ToJsonString());
        var scale = Enumerable.Repeat(10m, Currency.From(currency).Exponent).Aggregate(1m, (product, ten) => product * ten);
        Assert.Equal(minor, major * scale);
    }

    [Theory]
    [InlineData(1050, "EUR", "FI", "10.5")]
    [InlineData(1999, "DKK", "DK", "19.99")]
    [InlineData(20_000, "GBP", "GB", "200")]
    public async Task The_wire_amount_is_a_number_without_float_artefacts(long minor, string currency, string country, string json)
    {
        await using var bed = await TinkTestbed.StartAsync();

        await bed.Gateway.CreatePaymentAsync(TinkTestbed.Request(minor, currency, country), CancellationToken.None);

        var body = bed.Fake.ApiRequests.Single().Body;
        Assert.Contains($"\"amount\":{json},", body, StringComparison.Ordinal);
        Assert.Contains($"\"market\":\"{country}\"", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("FI", null, "EUR", "FI")]
    [InlineData("se", null, "SEK", "SE")]
    [InlineData(null, null, "SEK", "SE")]
    [InlineData("DE", "SE", "SEK", "SE")]
    [InlineData(null, "FI", "EUR", "FI")]
    [InlineData("US", null, "GBP", "GB")]
    [InlineData("SE", "SE", "EUR", null)]
    [InlineData(null, null, "EUR", null)]
    public void The_market_is_the_payers_country_then_the_configured_one_then_the_currencys_only_market(
        string? country, string? configured, string currency, string? market) =>
        Assert.Equal(market, TinkMarkets.Choose(country, configured, currency));

    [Fact]
    public async Task Capabilities_list_the_markets_currencies_and_a_currency_without_a_market_is_refused_before_any_call()
    {
        await using var bed = await TinkTestbed.StartAsync();

        Assert.Superset(new HashSet<string> { "EUR", "SEK", "GBP", "DKK", "NOK" }, new HashSet<string>(bed.Gateway.Capabilities.Currencies!));
        Assert.False(bed.Gateway.Capabilities.Supports("USD"));
        Assert.False(bed.Gateway.Capabilities.RequiresPaymentMethod);
        Assert.True(bed.Gateway.Capabilities.Instant);
        Assert.True(bed.Gateway.AcceptsPaymentMethod(null));
        Assert.False(bed.Gateway.AcceptsPaymentMethod("pm_card_visa"));
        var usd = await Assert.ThrowsAsync<GatewayException>(() => bed.Gateway.CreatePaymentAsync(TinkTestbed.Request(currency: "USD"), CancellationToken.None));
        var eurFromSweden = await Assert.ThrowsAsync<GatewayException>(() => bed.Gateway.CreatePaymentAsync(TinkTestbed.Request(currency: "EUR"), CancellationToken.None));
        Assert.Equal((GatewayErrorKind.InvalidRequest, "currency_not_supported"), (usd.Kind, usd.ProviderCode));
        Assert.Equal((GatewayErrorKind.InvalidRequest, "market_unknown"), (eurFromSweden.Kind, eurFromSweden.ProviderCode));
        Assert.Empty(bed.Fake.Requests);
    }

    [Fact]
    public async Task A_currency_with_its_own_account_pays_into_that_account()
    {
        await using var bed = await TinkTestbed.StartAsync(s =>
        {
            s["Gateways:Tink:RecipientAccounts:SEK:AccountNumber"] = "5020-1234";
            s["Gateways:Tink:RecipientAccounts:SEK:AccountType"] = "se-bg";
        });

        await bed.Gateway.CreatePaymentAsync(TinkTestbed.Request(), CancellationToken.None);
        await bed.Gateway.CreatePaymentAsync(TinkTestbed.Request(currency: "EUR", country: "FI"), CancellationToken.None);

        var (sek, eur) = (JsonNode.Parse(bed.Fake.ApiRequests[0].Body)!, JsonNode.Parse(bed.Fake.ApiRequests[1].Body)!);
        Assert.Equal("""{"accountNumber":"5020-1234","accountType":"se-bg"}""", sek["recipient"]!.ToJsonString());
        Assert.Equal($$"""{"accountNumber":"{{TinkTestbed.Iban}}","accountType":"iban"}""", eur["recipient"]!.ToJsonString());
    }

    [Theory]
    [InlineData("Gateways:Tink:RedirectUri", "redirect_missing")]
    [InlineData("Gateways:Tink:RecipientName", "recipient_missing")]
    [InlineData("Gateways:Tink:Recipient:AccountNumber", "recipient_missing")]
    public async Task Missing_configuration_fails_clearly_before_any_call(string setting, string code)
    {
        await using var bed = await TinkTestbed.StartAsync(s => s[setting] = null);

        var error = await Assert.ThrowsAsync<GatewayException>(() =>
            bed.Gateway.CreatePaymentAsync(TinkTestbed.Request() with { ReturnUrl = null }, CancellationToken.None));

        Assert.Equal((GatewayErrorKind.InvalidRequest, code), (error.Kind, error.ProviderCode));
        Assert.Empty(bed.Fake.Requests);
    }

    [Fact]
    public async Task A_400_from_Tink_is_an_invalid_request_with_Tinks_error_code_and_is_not_repeated()
    {
        await using var bed = await TinkTestbed.StartAsync();
        bed.Fake.Override = r => r.Path == "/api/v1/payments/requests"
            ? FakeResponse.Json(400, """{"errorMessage":"Unsupported account type.","errorCode":"payment_request.invalid_recipient"}""")
            : null;

        var error = await Assert.ThrowsAsync<GatewayException>(() => bed.Gateway.CreatePaymentAsync(TinkTestbed.Request(), CancellationToken.None));

        Assert.Equal((GatewayErrorKind.InvalidRequest, "payment_request.invalid_recipient"), (error.Kind, error.ProviderCode));
        Assert.Single(bed.Fake.ApiRequests);
    }

    [Fact]
    public async Task A_create_that_times_out_is_not_retried_for_want_of_an_idempotency_key()
    {
        await using var bed = await TinkTestbed.StartAsync(s =>
        {
            s["Gateways:Tink:AttemptTimeout"] = "00:00:00.300";
            s["Gateways:Tink:TotalTimeout"] = "00:00:02";
        });
        bed.Fake.Override = r => r.Path == "/api/v1/payments/requests" ? new FakeResponse(200, """{"id":"late"}""", Delay: TimeSpan.FromSeconds(5)) : null;

        var error = await Assert.ThrowsAsync<GatewayException>(() => bed.Gateway.CreatePaymentAsync(TinkTestbed.Request(), CancellationToken.None));

        Assert.Equal((GatewayErrorKind.Unavailable, "timeout"), (error.Kind, error.ProviderCode));
        Assert.Single(bed.Fake.ApiRequests);
    }

    [Fact]
    public async Task A_sync_that_times_out_is_unavailable_never_a_failure()
    {
        await using var bed = await TinkTestbed.StartAsync(s =>
        {
            s["Gateways:Tink:AttemptTimeout"] = "00:00:00.300";
            s["Gateways:Tink:TotalTimeout"] = "00:00:00.300";
        });
        var id = await bed.CreateAsync();
        bed.Fake.Override = r => r.Path.EndsWith("/transfers", StringComparison.Ordinal) ? new FakeResponse(200, "{}", Delay: TimeSpan.FromSeconds(5)) : null;

        var error = await Assert.ThrowsAsync<GatewayException>(() => bed.Gateway.SyncAsync(TinkTestbed.Lookup(id), CancellationToken.None));

        Assert.Equal((GatewayErrorKind.Unavailable, "timeout"), (error.Kind, error.ProviderCode));
        Assert.True(error.OutcomeUnknown);
    }
}
