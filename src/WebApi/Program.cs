using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using CleanPrepay.Application;
using CleanPrepay.Infrastructure;
using CleanPrepay.WebApi.Auth;
using CleanPrepay.WebApi.Endpoints;
using CleanPrepay.WebApi.Idempotency;
using CleanPrepay.WebApi.Identity;
using CleanPrepay.WebApi.Infrastructure;
using CleanPrepay.WebApi.OpenApi;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

var builder = WebApplication.CreateBuilder(args);

// The build-time OpenAPI generator (GetDocument.Insider) starts the host: give it no database work and a throwaway key.
if (Assembly.GetEntryAssembly()?.GetName().Name == "GetDocument.Insider")
{
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Database:MigrateOnStart"] = "false",
        ["Outbox:Enabled"] = "false",
        ["Subscriptions:WorkerEnabled"] = "false",
        ["Reconciliation:WorkerEnabled"] = "false",
        ["AutoTopUp:WorkerEnabled"] = "false",
        ["OpenApi:Enabled"] = "true",
        ["Auth:SigningKey"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)),
        ["ConnectionStrings:CleanPrepay"] = "Data Source=:memory:",
    });
}

builder.Services.AddApplication(builder.Configuration["AutoMapper:LicenseKey"]);
builder.Services.AddInfrastructure(builder.Configuration, builder.Environment.ContentRootPath, builder.Environment.IsDevelopment());
builder.Services.AddCleanPrepayAuth(builder.Configuration);

builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = Problems.Enrich);
builder.Services.AddExceptionHandler<GlobalExceptionHandler>();
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.ConfigureHttpJsonOptions(options =>
{
    options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
    options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
    options.SerializerOptions.Converters.Add(new UtcInstantConverter());
    options.SerializerOptions.Converters.Add(new NulFreeStringConverter());
    options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
    options.SerializerOptions.MaxDepth = 32;
    options.SerializerOptions.AllowDuplicateProperties = false; // {"amount": 1, "amount": 100000} is ambiguous: refuse it
});
builder.Services.AddCleanPrepayOpenApi();
builder.Services.AddAnonymousRateLimits(builder.Configuration);
builder.Services.Configure<RequestBodyLimitOptions>(builder.Configuration.GetSection(RequestBodyLimitOptions.Section));
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 1024 * 1024); // the ceiling any route may raise its limit to

var app = builder.Build();

app.UseAnonymousRateLimits();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseMiddleware<NulFreeUrlMiddleware>();
app.UseAuthentication(); // reads the token only; refusing a caller is authorisation's, after the body limit
app.UseRateLimiter(); // anonymous callers, per address, before their body is read (ADR 0031)
app.UseMiddleware<RequestBodyLimitMiddleware>();
app.UseAuthorization();
app.UseMiddleware<LastVisitMiddleware>();
app.UseMiddleware<IdempotencyMiddleware>();

// The document and its UI map the whole attack surface: served only where configured, by default in Development (ADR 0031).
var openApiEnabled = app.Configuration.GetValue("OpenApi:Enabled", app.Environment.IsDevelopment());
if (openApiEnabled)
{
    app.MapOpenApi();
}

if (openApiEnabled && app.Configuration.GetValue("Swagger:Enabled", app.Environment.IsDevelopment()))
{
    app.UseSwaggerUI(options =>
    {
        options.SwaggerEndpoint("/openapi/v1.json", "CleanPrepay v1");
        options.RoutePrefix = "swagger";
    });
}
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = HealthJson.WriteAsync });

app.MapSettingsEndpoints();
app.MapCustomerEndpoints();
app.MapCustomerAccountEndpoints();
app.MapPackageEndpoints();
app.MapWalletEndpoints();
app.MapPaymentMethodEndpoints();
app.MapSupportEndpoints();
app.MapReportEndpoints();
app.MapPaymentEndpoints();
app.MapCatalogEndpoints();
app.MapOrderEndpoints();
app.MapCouponEndpoints();
app.MapSubscriptionEndpoints();
app.MapWebhookEndpoints();
app.MapOutgoingWebhookEndpoints();
app.MapIntegrationEndpoints();
if (app.Environment.IsDevelopment())
{
    app.MapDevEndpoints();
}

app.MapConsole();

await app.RunAsync();

/// <summary>Entry point, public for WebApplicationFactory.</summary>
public partial class Program;
