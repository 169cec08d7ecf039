using System.Net;
using System.Text.Json.Nodes;
using CleanPrepay.Application.Settings;
using CleanPrepay.WebApi.IntegrationTests.Support;
using static CleanPrepay.WebApi.Endpoints.DevEndpoints;

namespace CleanPrepay.WebApi.IntegrationTests;

[Collection("sqlite")]
public sealed class PlatformTests(SqliteApiFixture api)
{
    [Fact]
    public async Task The_committed_openapi_document_matches_the_code()
    {
        var live = JsonNode.Parse(await api.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "openapi", "v1.json")))!;

        Assert.True(
            JsonNode.DeepEquals(live, committed),
            "openapi/v1.json is stale: run `dotnet build src/WebApi && cp src/WebApi/obj/openapi/v1.json openapi/v1.json`, then `npm run generate` in clients/typescript.");
    }

    [Fact]
    public async Task The_build_time_openapi_document_matches_the_committed_one()
    {
        var built = Path.Combine(RepoPaths.Root, "src", "WebApi", "obj", "openapi", "v1.json");
        Assert.True(File.Exists(built), "The WebApi build did not write obj/openapi/v1.json.");
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "openapi", "v1.json")));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(await File.ReadAllTextAsync(built)), committed), "openapi/v1.json differs from the document the build wrote.");
    }

    [Fact]
    public async Task The_document_names_every_operation_for_the_generated_client()
    {
        var document = JsonNode.Parse(await api.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var operations = document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(o => o.Value!)).ToList();

        Assert.True(operations.Count >= 18);
        Assert.All(operations, o => Assert.False(string.IsNullOrEmpty(o["operationId"]?.GetValue<string>())));
        Assert.Equal(operations.Count, operations.Select(o => o["operationId"]!.GetValue<string>()).Distinct().Count());
        Assert.Null(document["paths"]!["/v1/dev/tokens"]);
    }

    [Fact]
    public async Task Every_schema_member_says_its_type_so_the_client_is_not_typed_any()
    {
        // The NUL guard's string converter once left every string as {} and the TypeScript client typed them `any`.
        var document = JsonNode.Parse(await api.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var untyped = new List<string>();
        foreach (var (name, schema) in document["components"]!["schemas"]!.AsObject())
        {
            foreach (var (member, property) in schema!["properties"]?.AsObject() ?? [])
            {
                var typed = property!["type"] is not null || property["$ref"] is not null || property["oneOf"] is not null || property["allOf"] is not null || property["anyOf"] is not null;
                var itemsTyped = property["type"]?.ToJsonString().Contains("array", StringComparison.Ordinal) != true || property["items"] is not null;
                if (!typed || !itemsTyped)
                {
                    untyped.Add($"{name}.{member}");
                }
            }
        }

        Assert.True(document["components"]!["schemas"]!.AsObject().Count > 40);
        Assert.Empty(untyped);
    }

    [Fact]
    public async Task Health_endpoints_answer_without_a_token()
    {
        var client = api.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/swagger/index.html")).StatusCode);
    }

    [Fact]
    public async Task Dev_tokens_do_not_exist_outside_development()
    {
        var response = await api.CreateClient().PostJsonAsync("/v1/dev/tokens", new { role = "admin" });

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("not_found", response.Code);
    }

    [Fact]
    public async Task Dev_tokens_in_development_work_and_are_checked()
    {
        await using var development = new DevelopmentApiFixture();
        var anonymous = development.CreateClient();

        var admin = await anonymous.PostJsonAsync("/v1/dev/tokens", new { role = "admin" });
        var noCustomer = await anonymous.PostJsonAsync("/v1/dev/tokens", new { role = "customer" });
        var badRole = await anonymous.PostJsonAsync("/v1/dev/tokens", new { role = "root" });

        Assert.Equal(HttpStatusCode.OK, admin.Status);
        Assert.Equal("validation_failed", noCustomer.Code);
        Assert.Equal("validation_failed", badRole.Code);
        var asAdmin = development.ClientWithToken(admin.As<DevTokenResponse>().Token);
        var customer = await asAdmin.CreateCustomerAsync();
        var customerToken = await anonymous.PostJsonAsync("/v1/dev/tokens", new { role = "customer", customerId = customer });
        var asCustomer = development.ClientWithToken(customerToken.As<DevTokenResponse>().Token);
        Assert.Equal(HttpStatusCode.OK, (await asCustomer.GetJsonAsync($"/v1/customers/{customer}/wallet")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await asCustomer.GetJsonAsync("/v1/settings")).Status);
    }

    [Fact]
    public async Task Settings_round_trip_and_bad_settings_change_nothing()
    {
        var admin = api.Admin();
        var before = await admin.GetJsonAsync("/v1/settings");

        var bad = await admin.SendJsonAsync(HttpMethod.Put, "/v1/settings", new { defaultMinPrepaymentPercent = 150, currencies = new[] { "EUR", "euro" } });
        var after = await admin.GetJsonAsync("/v1/settings");

        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("defaultMinPrepaymentPercent", bad.Json["errors"]!.AsObject().Select(e => e.Key));
        Assert.Contains("currencies[1]", bad.Json["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(before.Json.Compact(), after.Json.Compact()); // nothing changed, to the byte: compared raw
        Assert.Equal(50, after.As<SettingsDto>().DefaultMinPrepaymentPercent);
        Assert.Contains("EUR", after.As<SettingsDto>().Currencies);
    }
}

public sealed class DevelopmentApiFixture : ApiFixture
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"cleanprepay-dev-{Guid.NewGuid():N}.db");

    public override string Provider => "Sqlite";

    protected internal override string ConnectionString => $"Data Source={_path}";

    protected override string EnvironmentName => "Development";

    protected override bool ServesOpenApi => false;
}

/// <summary>The API as Production starts it: the environment's defaults for what is served anonymously.</summary>
public sealed class ProductionApiFixture : ApiFixture
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"cleanprepay-prod-{Guid.NewGuid():N}.db");

    public override string Provider => "Sqlite";

    protected internal override string ConnectionString => $"Data Source={_path}";

    protected override string EnvironmentName => "Production";

    protected override bool ServesOpenApi => false;
}
