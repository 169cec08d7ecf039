using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CleanPrepay.WebApi.IntegrationTests.Support;

/// <summary>
/// A local Mailchimp Marketing API v3 for the list-member call, checking what Mailchimp documents: Basic auth with
/// the key, the list, the subscriber hash (MD5 of the lower-cased email), the status values and merge fields. It
/// answers as Mailchimp does (the member; problem JSON for errors) and can be told to fail the next requests.
/// </summary>
public sealed class FakeMailchimp : IAsyncDisposable
{
    public const string ApiKey = "0123456789abcdef0123456789abcdef-us21";
    public const string ListId = "a1b2c3d4e5";

    private static readonly HashSet<string> Statuses = ["subscribed", "unsubscribed", "cleaned", "pending", "transactional"];
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(int Status, TimeSpan? RetryAfter)> _failures = new();

    public sealed record Call(string Hash, string Email, string Status, string StatusIfNew, string FirstName, string Language, DateTimeOffset At);

    /// <summary>Every accepted member change, in order.</summary>
    public ConcurrentQueue<Call> Calls { get; } = new();

    /// <summary>Requests Mailchimp would have refused as malformed (a wrong hash, a missing field): a test wants none.</summary>
    public ConcurrentQueue<string> Malformed { get; } = new();

    public ConcurrentQueue<(int Status, DateTimeOffset At)> Refusals { get; } = new();

    public ConcurrentDictionary<string, Call> Members { get; } = new();

    public string BaseUrl { get; private set; } = string.Empty;

    private FakeMailchimp(WebApplication app) => _app = app;

    public void FailNext(int status, TimeSpan? retryAfter = null) => _failures.Enqueue((status, retryAfter));

    public static string Hash(string email) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(email.ToLowerInvariant())));

    public static async Task<FakeMailchimp> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeMailchimp(app);
        app.MapPut("/3.0/lists/{listId}/members/{hash}", async (string listId, string hash, HttpContext http) =>
        {
            var expectedAuth = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"cleanprepay:{ApiKey}"));
            var auth = http.Request.Headers.Authorization.ToString();
            if (!auth.StartsWith("Basic ", StringComparison.Ordinal) || !Encoding.UTF8.GetString(Convert.FromBase64String(auth[6..])).EndsWith($":{ApiKey}", StringComparison.Ordinal))
            {
                return Problem(401, "API Key Invalid", "Your API key may be invalid, or you've attempted to access the wrong datacenter.");
            }

            if (listId != ListId)
            {
                return Problem(404, "Resource Not Found", "The requested resource could not be found.");
            }

            if (fake._failures.TryDequeue(out var failure))
            {
                fake.Refusals.Enqueue((failure.Status, DateTimeOffset.UtcNow));
                if (failure.RetryAfter is { } after)
                {
                    http.Response.Headers.RetryAfter = ((int)after.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                return Problem(failure.Status, failure.Status == 429 ? "Too Many Requests" : "Internal Server Error", "Scripted by the test.");
            }

            JsonNode? body;
            try
            {
                body = await JsonNode.ParseAsync(http.Request.Body);
            }
            catch (System.Text.Json.JsonException)
            {
                body = null;
            }

            var email = body?["email_address"]?.GetValue<string>();
            var status = body?["status"]?.GetValue<string>();
            var statusIfNew = body?["status_if_new"]?.GetValue<string>();
            var firstName = body?["merge_fields"]?["FNAME"]?.GetValue<string>();
            var language = body?["language"]?.GetValue<string>();
            var wrong = email is null ? "email_address is missing"
                : Hash(email) != hash ? $"the subscriber hash {hash} is not md5(lower({email}))"
                : status is null || !Statuses.Contains(status) ? $"status '{status}' is not a member status"
                : statusIfNew is null || !Statuses.Contains(statusIfNew) ? $"status_if_new '{statusIfNew}' is not a member status"
                : firstName is null ? "merge_fields.FNAME is missing"
                : language is null ? "language is missing"
                : null;
            if (wrong is not null)
            {
                fake.Malformed.Enqueue(wrong);
                return Problem(400, "Invalid Resource", wrong);
            }

            var call = new Call(hash, email!, status!, statusIfNew!, firstName!, language!, DateTimeOffset.UtcNow);
            fake.Calls.Enqueue(call);
            fake.Members[hash] = call;
            return Results.Json(new JsonObject
            {
                ["id"] = hash, ["email_address"] = email, ["status"] = status, ["list_id"] = listId, ["language"] = language,
                ["merge_fields"] = new JsonObject { ["FNAME"] = firstName },
            });
        });
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return fake;
    }

    /// <summary>Mailchimp's error shape (RFC 7807 style): type, title, status, detail, instance.</summary>
    private static IResult Problem(int status, string title, string detail) => Results.Json(
        new JsonObject
        {
            ["type"] = "https://mailchimp.com/developer/marketing/docs/errors/", ["title"] = title, ["status"] = status, ["detail"] = detail,
            ["instance"] = Guid.NewGuid().ToString(),
        },
        statusCode: status, contentType: "application/problem+json");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
