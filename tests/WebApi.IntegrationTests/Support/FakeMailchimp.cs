using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CleanPrepay.Gateways.ContractTests.Support;

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
    private FakeProvider _server = null!;
    private readonly ConcurrentQueue<(int Status, TimeSpan? RetryAfter)> _failures = new();

    public sealed record Call(string Hash, string Email, string Status, string StatusIfNew, string FirstName, string Language, DateTimeOffset At);

    /// <summary>Every accepted member change, in order.</summary>
    public ConcurrentQueue<Call> Calls { get; } = new();

    /// <summary>Requests Mailchimp would have refused as malformed (a wrong hash, a missing field): a test wants none.</summary>
    public ConcurrentQueue<string> Malformed { get; } = new();

    public ConcurrentQueue<(int Status, DateTimeOffset At)> Refusals { get; } = new();

    public ConcurrentDictionary<string, Call> Members { get; } = new();

    public string BaseUrl { get; private set; } = string.Empty;

    public void FailNext(int status, TimeSpan? retryAfter = null) => _failures.Enqueue((status, retryAfter));

    public static string Hash(string email) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(email.ToLowerInvariant())));

    public static async Task<FakeMailchimp> StartAsync()
    {
        var fake = new FakeMailchimp();
        fake._server = await FakeProvider.StartAsync(fake.Answer);
        fake.BaseUrl = fake._server.BaseUrl.ToString();
        return fake;
    }

    /// <summary>PUT /3.0/lists/{listId}/members/{hash}, checked as Mailchimp checks it.</summary>
    private FakeResponse Answer(RecordedRequest request)
    {
        var path = request.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (request.Method != "PUT" || path is not ["3.0", "lists", var listId, "members", var hash])
        {
            return Problem(404, "Resource Not Found", "The requested resource could not be found.");
        }

        var auth = request.Header("Authorization") ?? string.Empty;
        if (!auth.StartsWith("Basic ", StringComparison.Ordinal) || !Encoding.UTF8.GetString(Convert.FromBase64String(auth[6..])).EndsWith($":{ApiKey}", StringComparison.Ordinal))
        {
            return Problem(401, "API Key Invalid", "Your API key may be invalid, or you've attempted to access the wrong datacenter.");
        }

        if (listId != ListId)
        {
            return Problem(404, "Resource Not Found", "The requested resource could not be found.");
        }

        if (_failures.TryDequeue(out var failure))
        {
            Refusals.Enqueue((failure.Status, DateTimeOffset.UtcNow));
            var headers = failure.RetryAfter is { } after
                ? new Dictionary<string, string> { ["Retry-After"] = ((int)after.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) }
                : null;
            return Problem(failure.Status, failure.Status == 429 ? "Too Many Requests" : "Internal Server Error", "Scripted by the test.", headers);
        }

        JsonNode? body;
        try
        {
            body = JsonNode.Parse(request.Body);
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
            Malformed.Enqueue(wrong);
            return Problem(400, "Invalid Resource", wrong);
        }

        var call = new Call(hash, email!, status!, statusIfNew!, firstName!, language!, DateTimeOffset.UtcNow);
        Calls.Enqueue(call);
        Members[hash] = call;
        return FakeResponse.Json(200, new JsonObject
        {
            ["id"] = hash, ["email_address"] = email, ["status"] = status, ["list_id"] = listId, ["language"] = language,
            ["merge_fields"] = new JsonObject { ["FNAME"] = firstName },
        }.ToJsonString());
    }

    /// <summary>Mailchimp's error shape (RFC 7807 style): type, title, status, detail, instance.</summary>
    private static FakeResponse Problem(int status, string title, string detail, Dictionary<string, string>? headers = null) => new(
        status,
        new JsonObject
        {
            ["type"] = "https://mailchimp.com/developer/marketing/docs/errors/", ["title"] = title, ["status"] = status, ["detail"] = detail,
            ["instance"] = Guid.NewGuid().ToString(),
        }.ToJsonString(),
        headers);

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
