using System.Net;
using CleanPrepay.WebApi.IntegrationTests.Support;

namespace CleanPrepay.WebApi.IntegrationTests;

/// <summary>The console's build served at /console (issue 16): its files, its routes, its headers, and the answer when it is not built.</summary>
public sealed class ConsoleHostingTests : IAsyncLifetime
{
    private readonly string _build = Directory.CreateTempSubdirectory("console-build-").FullName;
    private readonly string _empty = Directory.CreateTempSubdirectory("console-none-").FullName;
    private readonly SqliteApiFixture _built = new();
    private readonly SqliteApiFixture _missing = new();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_build, "assets"));
        await File.WriteAllTextAsync(Path.Combine(_build, "index.html"), "<!doctype html><title>console</title>");
        await File.WriteAllTextAsync(Path.Combine(_build, "assets", "index-abc123.js"), "console.log(1)");
        _built.Settings["Console:Root"] = _build;
        _missing.Settings["Console:Root"] = _empty;
        await _built.InitializeAsync();
        await _missing.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _built.DisposeAsync();
        await _missing.DisposeAsync();
        Directory.Delete(_build, recursive: true);
        Directory.Delete(_empty, recursive: true);
    }

    [Fact]
    public async Task The_build_is_served_with_its_routes_falling_back_to_index_and_a_strict_policy()
    {
        using var client = _built.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var index = await client.GetAsync("/console/");
        var route = await client.GetAsync("/console/customers/cus_1");
        var asset = await client.GetAsync("/console/assets/index-abc123.js");
        var bare = await client.GetAsync("/console");
        var escape = await client.GetAsync("/console/..%2f..%2fappsettings.json");

        Assert.Equal((HttpStatusCode.OK, "text/html"), (index.StatusCode, index.Content.Headers.ContentType?.MediaType));
        Assert.Contains("default-src 'self'", index.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", index.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("no-cache", index.Headers.CacheControl!.ToString());
        Assert.Equal("<!doctype html><title>console</title>", await route.Content.ReadAsStringAsync());
        Assert.Equal(("text/javascript", "console.log(1)"), (asset.Content.Headers.ContentType?.MediaType, await asset.Content.ReadAsStringAsync()));
        Assert.Contains("immutable", asset.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Redirect, "/console/"), (bare.StatusCode, bare.Headers.Location?.ToString()));
        Assert.Equal("<!doctype html><title>console</title>", await escape.Content.ReadAsStringAsync()); // never a file outside the build
    }

    [Fact]
    public async Task Without_a_build_the_api_runs_and_says_how_to_build_the_console()
    {
        var answer = await ApiClientExtensions.ReadAsync(await _missing.CreateClient().GetAsync("/console/"));
        var health = await _missing.CreateClient().GetAsync("/health/ready");

        Assert.Equal((HttpStatusCode.NotFound, "console_not_built"), (answer.Status, answer.Code));
        Assert.Contains("npm --prefix clients/console", answer.Json["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains(_missing.LogLines, l => l.Contains("The console is not built", StringComparison.Ordinal));
    }
}
