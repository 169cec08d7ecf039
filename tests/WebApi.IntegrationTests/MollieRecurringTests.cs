using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CleanPrepay.Application.Subscriptions;
using CleanPrepay.Gateways.ContractTests.Mollie;
using CleanPrepay.WebApi.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanPrepay.WebApi.IntegrationTests;

/// <summary>The API with its Mollie adapter pointed at a local Mollie over real HTTP.</summary>
public abstract class MollieApiFixture : IAsyncLifetime
{
    public ApiFixture Api { get; private set; } = null!;

    public FakeMollie Mollie { get; private set; } = null!;

    protected abstract ApiFixture CreateApi();

    public async Task InitializeAsync()
    {
        Mollie = await FakeMollie.StartAsync();
        Api = CreateApi();
        Api.Settings["Gateways:Mollie:ApiKey"] = FakeMollie.ApiKey;
        Api.Settings["Gateways:Mollie:BaseUrl"] = Mollie.Server.BaseUrl.ToString();
        Api.Settings["Gateways:Mollie:RedirectUrl"] = "https://shop.example/back";
        Api.Settings["Gateways:Mollie:RetryDelay"] = "00:00:00.010";
        await Api.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await Mollie.DisposeAsync();
    }
}

public sealed class SqliteMollieFixture : MollieApiFixture
{
    protected override ApiFixture CreateApi() => new SqliteApiFixture();
}

public sealed class PostgresMollieFixture : MollieApiFixture
{
    protected override ApiFixture CreateApi() => new PostgresApiFixture();
}

/// <summary>Mollie Recurring end to end (ADR 0038, 0040): a mandate saved through the first payment, renewals on it, and a chargeback.</summary>
public abstract class MollieRecurringTests(MollieApiFixture fixture)
{
    private readonly ApiFixture _api = fixture.Api;
    private readonly FakeMollie _mollie = fixture.Mollie;
    private readonly HttpClient _admin = fixture.Api.Admin();

    [Fact]
    public async Task A_mollie_subscription_renews_with_a_recurring_payment_on_the_mandate_its_first_payment_left()
    {
        var customer = await _admin.CreateCustomerAsync();
        var client = _api.Customer(customer);
        var saving = await client.PostJsonAsync($"/v1/customers/{customer}/payment-methods", new { gateway = "mollie", kind = "card" }, Guid.NewGuid().ToString());
        Assert.Equal((HttpStatusCode.Created, "requires_action"), (saving.Status, S(saving.Json["status"])));
        Assert.StartsWith("https://www.mollie.com/checkout/", S(saving.Json["nextAction"]!["url"]));
        var saved = S(saving.Json["id"]);

        var setup = await _api.WithDbAsync(db => db.SavedPaymentMethods.AsNoTracking().Where(m => m.Id == saved).Select(m => m.SetupReference!).FirstAsync());
        var mandate = _mollie.PayFirst(setup);
        var confirmed = await client.PostJsonAsync($"/v1/customers/{customer}/payment-methods/{saved}/confirm", null, Guid.NewGuid().ToString());
        Assert.Equal(("active", true, "6787"), (S(confirmed.Json["status"]), confirmed.Json["default"]!.GetValue<bool>(), S(confirmed.Json["display"]!["last4"])));

        var plan = await _admin.PostJsonAsync("/v1/plans", new { name = $"Mollie weekly {Guid.NewGuid():N}", price = new { amount = 900, currency = "EUR" }, interval = "week", billing = "activation" });
        var started = await client.PostJsonAsync(
            "/v1/subscriptions", new { customerId = customer, planId = S(plan.Json["id"]), payment = new { method = "saved", savedMethodId = saved } }, Guid.NewGuid().ToString());
        Assert.Equal("active", S(started.Json["status"]));
        var paidThrough = DateOnly.Parse(S(started.Json["paidThrough"]), System.Globalization.CultureInfo.InvariantCulture);

        _api.AdvanceTo(paidThrough.AddDays(1));
        await _api.RunBillingAsync();

        var renewed = (await _admin.GetJsonAsync($"/v1/subscriptions/{S(started.Json["id"])}")).Json;
        Assert.Equal(("active", paidThrough.AddDays(7)), (S(renewed["status"]), DateOnly.Parse(S(renewed["paidThrough"]), System.Globalization.CultureInfo.InvariantCulture)));
        var recurring = _mollie.Requests.Where(r => r.Path == "/v2/payments" && r.Body.Contains("\"recurring\"", StringComparison.Ordinal)).Select(r => JsonNode.Parse(r.Body)!).ToList();
        Assert.Equal(2, recurring.Count); // the start (the payer present, on the mandate) and the renewal
        Assert.All(recurring, r => Assert.Equal(mandate, S(r["mandateId"])));
        Assert.Null(recurring[^1]["redirectUrl"]);
    }

    [Fact]
    public async Task Mollies_notification_of_a_paid_first_payment_activates_the_saved_method_without_a_confirm()
    {
        var customer = await _admin.CreateCustomerAsync();
        var saving = await _admin.PostJsonAsync($"/v1/customers/{customer}/payment-methods", new { gateway = "mollie", kind = "sepa_debit" }, Guid.NewGuid().ToString());
        var saved = S(saving.Json["id"]);
        var setup = await _api.WithDbAsync(db => db.SavedPaymentMethods.AsNoTracking().Where(m => m.Id == saved).Select(m => m.SetupReference!).FirstAsync());

        _mollie.PayFirst(setup);
        var answer = await NotifyAsync(setup);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var listed = (await _admin.GetJsonAsync($"/v1/customers/{customer}/payment-methods")).Json["items"]!.AsArray();
        Assert.Equal(("active", "sepa_debit"), (S(listed.Single()!["status"]), S(listed.Single()!["kind"])));
    }

    [Fact]
    public async Task A_chargeback_reported_by_mollie_takes_a_top_ups_credit_back_once()
    {
        var customer = await _admin.CreateCustomerAsync();
        var topUp = await _admin.PostJsonAsync(
            $"/v1/customers/{customer}/wallet/top-ups", new { amount = new { amount = 2000, currency = "EUR" }, payment = new { gateway = "mollie" } });
        var paymentId = S(topUp.Json["payment"]!["id"]);
        var reference = await _api.WithDbAsync(db => db.Payments.AsNoTracking().Where(p => p.Id == paymentId).Select(p => p.ProviderReference!).FirstAsync());
        _mollie.SetStatus(reference, "paid");
        Assert.Equal(HttpStatusCode.OK, (await NotifyAsync(reference)).Status);
        Assert.Equal(2000, await _admin.BalanceAsync(customer, "EUR"));

        _mollie.ChargeBack(reference, "20.00");
        await NotifyAsync(reference);
        await NotifyAsync(reference);

        Assert.Equal(0, await _admin.BalanceAsync(customer, "EUR"));
        Assert.Single(await _admin.TransactionsAsync(customer), t => S(t["kind"]) == "reversal");
        Assert.Equal("lost", S((await _admin.GetJsonAsync($"/v1/payments/{paymentId}")).Json["dispute"]!["status"]));
    }

    private async Task<ApiResponse> NotifyAsync(string reference)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/webhooks/mollie")
        {
            Content = new StringContent($"id={reference}", Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        return await ApiClientExtensions.ReadAsync(await _api.CreateClient().SendAsync(request));
    }



    private static string S(JsonNode? node) => node!.GetValue<string>();
}

public sealed class SqliteMollieRecurringTests(SqliteMollieFixture fixture) : MollieRecurringTests(fixture), IClassFixture<SqliteMollieFixture>;

public sealed class PostgresMollieRecurringTests(PostgresMollieFixture fixture) : MollieRecurringTests(fixture), IClassFixture<PostgresMollieFixture>;
