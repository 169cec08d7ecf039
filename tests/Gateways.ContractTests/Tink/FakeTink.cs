using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using CleanPrepay.Gateways.ContractTests.Support;
using Microsoft.AspNetCore.WebUtilities;

namespace CleanPrepay.Gateways.ContractTests.Tink;

/// <summary>
/// Tink's one-time payments as docs/reference/providers.md#tink documents them: a client-credentials token endpoint (each
/// token counted, revocable), payment requests that check the body's shape (amount a JSON number,
/// the market's currency), and per-request transfers the test moves through their statuses.
/// </summary>
public sealed class FakeTink : IAsyncDisposable
{
    public const string ClientId = "tink-client-id-public-4f1c";
    public const string ClientSecret = "tink-client-secret-9b7e2d51";

    private static readonly Dictionary<string, string> MarketCurrency = new(StringComparer.Ordinal)
    {
        ["SE"] = "SEK", ["DK"] = "DKK", ["NO"] = "NOK", ["GB"] = "GBP", ["FI"] = "EUR", ["DE"] = "EUR", ["NL"] = "EUR",
    };

    private readonly Lock _lock = new();
    private readonly HashSet<string> _validTokens = new(StringComparer.Ordinal);
    private readonly List<string> _issued = [];
    private readonly Dictionary<string, JsonObject> _requests = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonArray> _transfers = new(StringComparer.Ordinal);
    private FakeProvider? _provider;

    public Uri BaseUrl => _provider!.BaseUrl;

    public IReadOnlyList<RecordedRequest> Requests => [.. _provider!.Requests];

    public IReadOnlyList<RecordedRequest> TokenRequests => [.. Requests.Where(r => r.Path == "/api/v1/oauth/token")];

    public IReadOnlyList<RecordedRequest> ApiRequests => [.. Requests.Where(r => r.Path != "/api/v1/oauth/token")];

    /// <summary>What the token endpoint says a token lives (Tink: 1800 s).</summary>
    public long ExpiresIn { get; set; } = 1800;

    public TimeSpan? TokenDelay { get; set; }

    /// <summary>An answer to give instead of the documented behaviour, or null.</summary>
    public Func<RecordedRequest, FakeResponse?> Override { get; set; } = _ => null;

    public IReadOnlyList<string> IssuedTokens
    {
        get
        {
            lock (_lock)
            {
                return [.. _issued];
            }
        }
    }

    public static async Task<FakeTink> StartAsync()
    {
        var fake = new FakeTink();
        fake._provider = await FakeProvider.StartAsync(fake.Handle);
        return fake;
    }

    /// <summary>Tink no longer takes this token (revoked, or expired earlier than we thought).</summary>
    public void Revoke(string token)
    {
        lock (_lock)
        {
            _validTokens.Remove(token);
        }
    }

    public JsonObject PaymentRequest(string id)
    {
        lock (_lock)
        {
            return (JsonObject)_requests[id].DeepClone();
        }
    }

    /// <summary>The payer went on in Tink Link: a transfer of the request in <paramref name="status"/>.</summary>
    public string AddTransfer(string paymentRequestId, string status, string? statusMessage = null)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        lock (_lock)
        {
            var request = _requests[paymentRequestId];
            _transfers[paymentRequestId].Add(new JsonObject
            {
                ["id"] = id,
                ["amount"] = request["amount"]!.DeepClone(),
                ["currency"] = request["currency"]!.DeepClone(),
                ["market"] = request["market"]!.DeepClone(),
                ["recipientName"] = request["recipientName"]!.DeepClone(),
                ["providerName"] = "se-demobank-open-banking-redirect",
                ["status"] = status,
                ["statusMessage"] = statusMessage,
                ["created"] = "2026-11-22T12:00:00Z",
                ["updated"] = "2026-11-22T12:01:00Z",
            });
        }

        return id;
    }

    private FakeResponse Handle(RecordedRequest request)
    {
        if (Override(request) is { } overridden)
        {
            return overridden;
        }

        var segments = request.Path.Trim('/').Split('/');
        return (request.Method, segments) switch
        {
            ("POST", ["api", "v1", "oauth", "token"]) => Token(request),
            ("POST", ["api", "v1", "payments", "requests"]) => Authorized(request, CreatePaymentRequest),
            ("GET", ["api", "v1", "payments", "requests", var id, "transfers"]) => Authorized(request, _ => Transfers(id)),
            _ => new FakeResponse(404),
        };
    }

    private FakeResponse Token(RecordedRequest request)
    {
        if (request.Header("Content-Type")?.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal) != true)
        {
            return new FakeResponse(415);
        }

        var form = QueryHelpers.ParseQuery("?" + request.Body);
        if (form["grant_type"] != "client_credentials")
        {
            return FakeResponse.Json(400, """{"error":"unsupported_grant_type"}""");
        }

        if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret)
        {
            return FakeResponse.Json(401, """{"error":"invalid_client","errorMessage":"Client credentials are not valid."}""");
        }

        var scopes = form["scope"].ToString().Split(',');
        if (!scopes.Contains("payment:read") || !scopes.Contains("payment:write"))
        {
            return FakeResponse.Json(400, """{"error":"invalid_scope"}""");
        }

        var token = "tink_at_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        lock (_lock)
        {
            _validTokens.Add(token);
            _issued.Add(token);
        }

        var body = new JsonObject { ["access_token"] = token, ["token_type"] = "bearer", ["expires_in"] = ExpiresIn, ["scope"] = string.Join(',', scopes) };
        return new FakeResponse(200, body.ToJsonString(), Delay: TokenDelay);
    }

    private FakeResponse Authorized(RecordedRequest request, Func<RecordedRequest, FakeResponse> then)
    {
        var header = request.Header("Authorization");
        bool valid;
        lock (_lock)
        {
            valid = header is not null && header.StartsWith("Bearer ", StringComparison.Ordinal) && _validTokens.Contains(header["Bearer ".Length..]);
        }

        return valid ? then(request) : FakeResponse.Json(401, """{"errorMessage":"The access token is not valid.","errorCode":"authentication.invalid_token"}""");
    }

    private FakeResponse CreatePaymentRequest(RecordedRequest request)
    {
        if (request.Header("Content-Type") != "application/json")
        {
            return new FakeResponse(415);
        }

        JsonObject body;
        try
        {
            body = JsonNode.Parse(request.Body) as JsonObject ?? throw new JsonException();
        }
        catch (JsonException)
        {
            return Invalid("The body is not a JSON object.");
        }

        if (body["amount"] is not JsonValue amount || amount.GetValueKind() != JsonValueKind.Number || amount.GetValue<decimal>() <= 0)
        {
            return Invalid("amount must be a positive number in major units.");
        }

        if (Text(body, "market") is not { } market || !MarketCurrency.TryGetValue(market, out var currency) || Text(body, "currency") != currency)
        {
            return Invalid("The currency must be the market's.");
        }

        if (body["recipient"] is not JsonObject recipient || Text(recipient, "accountNumber") is null || Text(recipient, "accountType") is null || Text(body, "recipientName") is null)
        {
            return Invalid("recipient{accountNumber, accountType} and recipientName are required.");
        }

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var created = (JsonObject)body.DeepClone();
        created["id"] = id;
        created["created"] = 1_795_000_000_000;
        lock (_lock)
        {
            _requests[id] = created;
            _transfers[id] = [];
        }

        return FakeResponse.Json(200, created.ToJsonString());
    }

    private FakeResponse Transfers(string id)
    {
        lock (_lock)
        {
            return _transfers.TryGetValue(id, out var transfers)
                ? FakeResponse.Json(200, new JsonObject { ["paymentRequestCreatedTransfers"] = transfers.DeepClone() }.ToJsonString())
                : FakeResponse.Json(404, """{"errorMessage":"Payment request not found.","errorCode":"payment_request.not_found"}""");
        }
    }

    private static FakeResponse Invalid(string message) =>
        FakeResponse.Json(400, new JsonObject { ["errorMessage"] = message, ["errorCode"] = "request.invalid" }.ToJsonString());

    private static string? Text(JsonObject node, string field) =>
        node[field] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public ValueTask DisposeAsync() => _provider!.DisposeAsync();
}

/// <summary>A clock the test moves by hand (timers still run on the system's).</summary>
public sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
