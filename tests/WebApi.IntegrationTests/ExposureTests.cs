using System.Net;
using CleanPrepay.WebApi.IntegrationTests.Support;

namespace CleanPrepay.WebApi.IntegrationTests;

/// <summary>
/// What an anonymous caller or a crafted request can make us expose or redirect to (issue 12, item 16):
/// return URLs are https to an allowed host outside Development, and the OpenAPI document and
/// Swagger UI are off by default in Production.
/// </summary>
public abstract class ReturnUrlTests(ApiFixture api)
{
    private readonly HttpClient _admin = api.Admin();

    [Theory]
    [InlineData("http://shop.example/paid")]
    [InlineData("https://evil.example/paid")]
    [InlineData("https://shop.example.evil.example/paid")]
    [InlineData("http://localhost:5173/paid")]
    public async Task Outside_development_a_return_url_is_https_to_an_allowed_host(string returnUrl)
    {
        var customer = await _admin.CreateCustomerAsync();
        var client = api.Customer(customer);

        var refused = await client.PostJsonAsync($"/v1/customers/{customer}/wallet/top-ups",
            new { amount = new { amount = 500, currency = "EUR" }, payment = new { gateway = "sandbox", paymentMethod = "pm_card_visa", returnUrl } });
        var order = await client.PostJsonAsync("/v1/orders",
            new { customerId = customer, items = new[] { new { videoId = await _admin.CreateVideoAsync(rent: 100), mode = "rent" } }, payment = new { method = "gateway", gateway = "sandbox", paymentMethod = "pm_card_visa", returnUrl } });
        var allowed = await client.PostJsonAsync($"/v1/customers/{customer}/wallet/top-ups",
            new { amount = new { amount = 500, currency = "EUR" }, payment = new { gateway = "sandbox", paymentMethod = "pm_card_visa", returnUrl = "https://shop.example/paid" } });

        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), (refused.Status, refused.Code));
        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), (order.Status, order.Code));
        Assert.Equal(HttpStatusCode.Created, allowed.Status);
        Assert.Equal(500, await _admin.BalanceAsync(customer, "EUR"));
    }
}

[Collection("sqlite")]
public sealed class SqliteReturnUrlTests(SqliteApiFixture api) : ReturnUrlTests(api);

[Collection("postgres")]
public sealed class PostgresReturnUrlTests(PostgresApiFixture api) : ReturnUrlTests(api);

public sealed class EnvironmentExposureTests
{
    [Fact]
    public async Task Production_serves_no_openapi_document_and_no_swagger_ui_by_default()
    {
        await using var production = new ProductionApiFixture();
        var anonymous = production.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/swagger/index.html")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task Production_serves_the_document_and_the_ui_only_when_configured()
    {
        await using var production = new ProductionApiFixture();
        production.Settings["OpenApi:Enabled"] = "true";
        var anonymous = production.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/swagger/index.html")).StatusCode);
    }

    [Fact]
    public async Task Development_serves_both_and_takes_a_localhost_return_url()
    {
        await using var development = new DevelopmentApiFixture();
        var anonymous = development.CreateClient();
        var admin = development.Admin();
        var customer = await admin.CreateCustomerAsync();

        var local = await development.Customer(customer).PostJsonAsync($"/v1/customers/{customer}/wallet/top-ups",
            new { amount = new { amount = 500, currency = "EUR" }, payment = new { gateway = "sandbox", paymentMethod = "pm_card_visa", returnUrl = "http://localhost:5173/paid" } });
        var plainElsewhere = await development.Customer(customer).PostJsonAsync($"/v1/customers/{customer}/wallet/top-ups",
            new { amount = new { amount = 500, currency = "EUR" }, payment = new { gateway = "sandbox", paymentMethod = "pm_card_visa", returnUrl = "http://shop.example/paid" } });

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/swagger/index.html")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, local.Status);
        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), (plainElsewhere.Status, plainElsewhere.Code));
    }
}
