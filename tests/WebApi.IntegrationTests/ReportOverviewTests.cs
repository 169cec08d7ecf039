using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CleanPrepay.WebApi.IntegrationTests.Support;
using static CleanPrepay.WebApi.IntegrationTests.Support.CatalogHelpers;

namespace CleanPrepay.WebApi.IntegrationTests;

/// <summary>The dashboard's overview (issue 16) on a database of its own, so its figures can be stated exactly.</summary>
public abstract class ReportOverviewTests(ApiFixture api)
{
    private readonly HttpClient _admin = api.Admin();
    private readonly Given _given = new(api);

    private DateOnly Today => DateOnly.FromDateTime(api.Clock.GetUtcNow().UtcDateTime);

    [Fact]
    public async Task Top_ups_and_order_revenue_per_day_per_currency_equal_the_ledger_and_the_orders()
    {
        var shopper = await _given.CustomerAsync();
        Assert.Equal(HttpStatusCode.Created, (await _admin.TopUpAsync(shopper.Id, 1000, "EUR", "pm_card_visa", Guid.NewGuid().ToString())).Status);
        Assert.Equal(HttpStatusCode.Created, (await _admin.TopUpAsync(shopper.Id, 255, "EUR", "pm_card_visa", Guid.NewGuid().ToString())).Status);
        Assert.Equal(HttpStatusCode.Created, (await _admin.TopUpAsync(shopper.Id, 990, "EUR", "pm_card_chargeDeclined", Guid.NewGuid().ToString())).Status); // declined: no money
        await _admin.AdjustAsync(shopper.Id, "credit", 100, key: Guid.NewGuid().ToString()); // a goodwill credit is no top-up
        var video = await _admin.CreateVideoAsync(rent: 399, buy: 1299);
        Assert.Equal("paid", (await _admin.OrderAsync(shopper.Id, [Rent(video)], key: Guid.NewGuid().ToString())).Json["status"]!.GetValue<string>());
        Assert.Equal("paid", (await _admin.OrderAsync(shopper.Id, [Buy(video)], "gateway", "pm_card_visa", key: Guid.NewGuid().ToString())).Json["status"]!.GetValue<string>());
        await _admin.AdjustAsync(shopper.Id, "credit", credits: 5, key: Guid.NewGuid().ToString());
        Assert.Equal("paid", (await _admin.OrderAsync(shopper.Id, [Rent(video)], "credits", key: Guid.NewGuid().ToString())).Json["status"]!.GetValue<string>()); // credits are not money

        var overview = (await _admin.GetJsonAsync("/v1/reports/overview")).Json;

        var days = overview["days"]!.AsArray();
        Assert.Equal(30, days.Count);
        var today = days[^1]!;
        Assert.Equal(Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), today["date"]!.GetValue<string>());
        Assert.Equal("""[{"amount":1255,"currency":"EUR"}]""", today["topUps"]!.ToJsonString());
        Assert.Equal("""[{"amount":1698,"currency":"EUR"}]""", today["orderRevenue"]!.ToJsonString());
        Assert.All(days.Take(29), d => Assert.Empty(d!["topUps"]!.AsArray()));
        Assert.Equal(today["topUps"]!.ToJsonString(), overview["topUpsTotal"]!.ToJsonString());
        var ledgerTopUps = (await _admin.TransactionsAsync(shopper.Id)).Where(t => t["kind"]!.GetValue<string>() == "top_up").Sum(t => t.Amount("amount"));
        Assert.Equal(ledgerTopUps, overview["topUpsTotal"]![0]!["amount"]!.GetValue<long>());
    }

    [Fact]
    public async Task Subscriptions_count_now_and_renewals_due_count_in_the_period()
    {
        var shopper = await _given.CustomerAsync(eur: 5000);
        var plan = await _given.PlanAsync(new { name = $"Weekly {Guid.NewGuid():N}", price = new { amount = 700, currency = "EUR" }, interval = "week", billing = "activation" });
        var started = await shopper.Client.PostJsonAsync("/v1/subscriptions", new { customerId = shopper.Id, planId = plan.Id, payment = new { method = "wallet" } }, Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, started.Status);

        var week = (await _admin.GetJsonAsync($"/v1/reports/overview?from={Today:yyyy-MM-dd}&to={Today.AddDays(8):yyyy-MM-dd}")).Json;
        var past = (await _admin.GetJsonAsync($"/v1/reports/overview?from={Today.AddDays(-3):yyyy-MM-dd}&to={Today.AddDays(-1):yyyy-MM-dd}")).Json;

        Assert.True(week["activeSubscriptions"]!.GetValue<int>() >= 1);
        Assert.True(week["renewalsDue"]!.GetValue<int>() >= 1);
        Assert.Equal(9, week["days"]!.AsArray().Count);
        Assert.Equal(0, past["renewalsDue"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("?from=2026-12-10&to=2026-12-01", "to")]
    [InlineData("?from=2025-01-01&to=2026-12-01", "to")]
    [InlineData("?from=yesterday", "from")]
    public async Task A_bad_period_is_a_400_naming_the_field(string query, string field)
    {
        var answer = await _admin.GetJsonAsync($"/v1/reports/overview{query}");

        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), (answer.Status, answer.Code));
        Assert.NotNull(answer.Json["errors"]?[field] ?? (answer.Json["detail"]!.GetValue<string>().Contains(field, StringComparison.Ordinal) ? JsonValue.Create(true) : null));
    }

    [Fact]
    public async Task A_customer_cannot_read_it()
    {
        var shopper = await _given.CustomerAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await shopper.Client.GetJsonAsync("/v1/reports/overview")).Status);
    }
}

public sealed class SqliteReportOverviewTests(SqliteApiFixture api) : ReportOverviewTests(api), IClassFixture<SqliteApiFixture>;

public sealed class PostgresReportOverviewTests(PostgresApiFixture api) : ReportOverviewTests(api), IClassFixture<PostgresApiFixture>;
