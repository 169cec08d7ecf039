using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CleanPrepay.Gateways.ContractTests.Support;

namespace CleanPrepay.Gateways.ContractTests.SecurionPay;

/// <summary>
/// SecurionPay's API as its reference and official SDKs describe it, over real HTTP: HTTP Basic with
/// the secret key as user name and an empty password (401 otherwise), JSON bodies, charges on
/// <c>tok_…</c> card tokens with the amount in minor units, 402 with a <c>card_error</c> for a declined
/// card, capture and refund on <c>/charges/{id}</c>, and an event per change, retrievable by id. Errors
/// are <c>{"error": {type, code?, message, chargeId?}}</c>. State is kept per charge.
/// </summary>
public sealed partial class FakeSecurionPay : IAsyncDisposable
{
    public const string SecretKey = "sk_test_fAkEsEcUrIoNpAyKeY01234";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, JsonObject> _charges = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _events = new(StringComparer.Ordinal);
    private int _next;

    private FakeSecurionPay()
    {
    }

    private readonly Dictionary<string, List<string>> _customers = new(StringComparer.Ordinal);

    public FakeProvider Server { get; private set; } = null!;

    /// <summary>The saved cards of each customer.</summary>
    public IReadOnlyDictionary<string, List<string>> CustomerCards => _customers;

    /// <summary>Answers before the fake's own behaviour when it returns non-null (failures, delays).</summary>
    public Func<RecordedRequest, FakeResponse?>? Override { get; set; }

    /// <summary>Card tokens that are declined, with the card error code SecurionPay answers for them.</summary>
    public Dictionary<string, string> Declines { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether refund entries carry <c>id</c> and <c>status</c> (newer API versions, SDK <c>Refund</c>); the
    /// classic charge object's refunds only have amount, currency and created.
    /// </summary>
    public bool RefundIds { get; set; }

    public IReadOnlyList<RecordedRequest> Requests => [.. Server.Requests];

    public static string Authorization(string secretKey) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{secretKey}:"));

    public static async Task<FakeSecurionPay> StartAsync()
    {
        var fake = new FakeSecurionPay();
        fake.Server = await FakeProvider.StartAsync(fake.Handle);
        return fake;
    }

    /// <summary>Sets a charge's state as SecurionPay would report it.</summary>
    public void SetCharge(string id, string status, bool captured, bool refunded, JsonObject? flow = null)
    {
        lock (_lock)
        {
            var charge = _charges[id];
            charge["status"] = status;
            charge["captured"] = captured;
            charge["refunded"] = refunded;
            charge["flow"] = flow;
        }
    }

    /// <summary>The id of the latest event about a charge.</summary>
    public string LatestEvent(string chargeId)
    {
        lock (_lock)
        {
            return _events.Values.Last(e => e["data"]!["id"]!.GetValue<string>() == chargeId)["id"]!.GetValue<string>();
        }
    }

    /// <summary>Records an event of any type with any data, as SecurionPay would.</summary>
    public string AddEvent(string type, JsonObject data)
    {
        lock (_lock)
        {
            return Event(type, data);
        }
    }

    public JsonObject EventJson(string id)
    {
        lock (_lock)
        {
            return (JsonObject)_events[id].DeepClone();
        }
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    [GeneratedRegex("^/charges/(char_[A-Za-z0-9]+)(/capture|/refund)?$")]
    private static partial Regex ChargePath();

    [GeneratedRegex("^/events/([A-Za-z0-9_]+)$")]
    private static partial Regex EventPath();

    [GeneratedRegex("^/customers/(cust_[A-Za-z0-9]+)/cards(/card_[A-Za-z0-9]+)?$")]
    private static partial Regex CardPath();

    private FakeResponse Handle(RecordedRequest request)
    {
        if (Override?.Invoke(request) is { } scripted)
        {
            return scripted;
        }

        if (request.Header("Authorization") != Authorization(SecretKey))
        {
            return Error(401, "invalid_request", null, "Provided API key is missing or invalid");
        }

        lock (_lock)
        {
            if (request.Path == "/charges" && request.Method == "POST")
            {
                return Create(request);
            }

            if (request.Path == "/customers" && request.Method == "POST")
            {
                var customerId = $"cust_Fake{++_next:D4}";
                _customers[customerId] = [];
                return Ok(new JsonObject { ["id"] = customerId, ["objectType"] = "customer", ["email"] = Body(request)?["email"]?.DeepClone() });
            }

            if (CardPath().Match(request.Path) is { Success: true } cardMatch && _customers.TryGetValue(cardMatch.Groups[1].Value, out var cards))
            {
                switch (request.Method, cardMatch.Groups[2].Value)
                {
                    case ("POST", ""):
                        var token = Body(request)?["id"]?.GetValue<string>() ?? string.Empty;
                        if (!token.StartsWith("tok_", StringComparison.Ordinal))
                        {
                            return Error(400, "invalid_request", null, "id must be a card token");
                        }

                        if (Declines.ContainsKey(token))
                        {
                            return new FakeResponse(402, """{"error":{"type":"card_error","code":"card_declined","message":"The card was declined."}}""");
                        }

                        var cardId = $"card_Saved{++_next:D4}";
                        cards.Add(cardId);
                        return Ok(new JsonObject
                        {
                            ["id"] = cardId, ["objectType"] = "card", ["customerId"] = cardMatch.Groups[1].Value, ["first6"] = "424242", ["last4"] = "4242",
                            ["brand"] = "Visa", ["expMonth"] = "12", ["expYear"] = "2034",
                        });
                    case ("DELETE", var deleted) when cards.Remove(deleted.TrimStart('/')):
                        return Ok(new JsonObject { ["id"] = deleted.TrimStart('/'), ["deleted"] = true });
                    default:
                        return Error(404, "invalid_request", null, "Requested card does not exist");
                }
            }

            if (EventPath().Match(request.Path) is { Success: true } eventMatch && request.Method == "GET")
            {
                return _events.TryGetValue(eventMatch.Groups[1].Value, out var found)
                    ? Ok(found)
                    : Error(404, "invalid_request", null, "Requested event does not exist");
            }

            var match = ChargePath().Match(request.Path);
            if (!match.Success || !_charges.TryGetValue(match.Groups[1].Value, out var charge))
            {
                return Error(404, "invalid_request", null, "Requested charge does not exist");
            }

            return (request.Method, match.Groups[2].Value) switch
            {
                ("GET", "") => Ok(charge),
                ("POST", "/capture") => Capture(request, charge),
                ("POST", "/refund") => Refund(request, charge),
                _ => Error(404, "invalid_request", null, "Not found"),
            };
        }
    }

    private FakeResponse Create(RecordedRequest request)
    {
        if (Body(request) is not JsonObject body)
        {
            return Error(400, "invalid_request", null, "Request body is not valid JSON");
        }

        var known = new HashSet<string> { "amount", "currency", "card", "captured", "description", "metadata", "threeDSecure", "customerId" };
        if (body.Select(p => p.Key).FirstOrDefault(k => !known.Contains(k)) is { } unknown)
        {
            return Error(400, "invalid_request", null, $"Unknown parameter: {unknown}");
        }

        if (body["amount"] is not JsonValue amount || amount.GetValueKind() != JsonValueKind.Number || !amount.TryGetValue<long>(out var minor) || minor <= 0)
        {
            return Error(400, "invalid_request", null, "amount must be a positive integer in minor units");
        }

        if (body["currency"] is not JsonValue currency || currency.GetValueKind() != JsonValueKind.String || !Regex.IsMatch(currency.GetValue<string>(), "^[A-Z]{3}$"))
        {
            return Error(400, "invalid_request", null, "currency must be a three-letter ISO code");
        }

        var savedCard = body["customerId"]?.GetValue<string>() is { } owner && _customers.TryGetValue(owner, out var owned) && body["card"] is JsonValue saved
            && owned.Contains(saved.GetValue<string>());
        if (body["card"] is not JsonValue card || card.GetValueKind() != JsonValueKind.String
            || !(card.GetValue<string>().StartsWith("tok_", StringComparison.Ordinal) || savedCard))
        {
            return Error(400, "invalid_request", null, "card must be a card token or a card of the customer");
        }

        if (body["captured"] is { } capturedFlag && capturedFlag.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            return Error(400, "invalid_request", null, "captured must be a boolean");
        }

        var id = $"char_Fake{++_next:D4}";
        var charge = new JsonObject
        {
            ["id"] = id,
            ["objectType"] = "charge",
            ["created"] = 1_790_000_000 + _next,
            ["amount"] = minor,
            ["amountRefunded"] = 0L,
            ["currency"] = currency.GetValue<string>(),
            ["description"] = body["description"]?.DeepClone(),
            ["card"] = new JsonObject { ["id"] = $"card_Fake{_next:D4}", ["first6"] = "424242", ["last4"] = "4242" },
            ["captured"] = body["captured"]?.GetValue<bool>() ?? true,
            ["refunded"] = false,
            ["refunds"] = new JsonArray(),
            ["disputed"] = false,
            ["metadata"] = body["metadata"]?.DeepClone(),
        };
        _charges[id] = charge;
        if (Declines.TryGetValue(card.GetValue<string>(), out var code))
        {
            charge["status"] = "failed";
            charge["captured"] = false;
            charge["failureCode"] = code;
            charge["failureMessage"] = "The card was declined.";
            Event("CHARGE_FAILED", charge);
            return new FakeResponse(402, new JsonObject
            {
                ["error"] = new JsonObject { ["type"] = "card_error", ["code"] = code, ["message"] = "The card was declined.", ["chargeId"] = id },
            }.ToJsonString());
        }

        charge["status"] = "successful";
        Event("CHARGE_SUCCEEDED", charge);
        return Ok(charge);
    }

    private FakeResponse Capture(RecordedRequest request, JsonObject charge)
    {
        if (Body(request) is not JsonObject)
        {
            return Error(400, "invalid_request", null, "Request body is not valid JSON");
        }

        if (charge["status"]!.GetValue<string>() != "successful" || charge["captured"]!.GetValue<bool>() || charge["refunded"]!.GetValue<bool>())
        {
            return Error(400, "invalid_request", null, "Charge cannot be captured");
        }

        charge["captured"] = true;
        Event("CHARGE_CAPTURED", charge);
        return Ok(charge);
    }

    private FakeResponse Refund(RecordedRequest request, JsonObject charge)
    {
        if (Body(request) is not JsonObject body)
        {
            return Error(400, "invalid_request", null, "Request body is not valid JSON");
        }

        var total = charge["amount"]!.GetValue<long>();
        var refunded = charge["amountRefunded"]!.GetValue<long>();
        long amount;
        if (body["amount"] is null)
        {
            amount = total - refunded;
        }
        else if (body["amount"] is not JsonValue value || value.GetValueKind() != JsonValueKind.Number || !value.TryGetValue(out amount) || amount <= 0)
        {
            return Error(400, "invalid_request", null, "amount must be a positive integer in minor units");
        }

        if (charge["status"]!.GetValue<string>() != "successful" || amount > total - refunded)
        {
            return Error(400, "invalid_request", null, "Refund amount is greater than the amount left to refund");
        }

        var entry = new JsonObject { ["amount"] = amount, ["currency"] = charge["currency"]!.DeepClone(), ["created"] = 1_790_000_000 + ++_next };
        if (RefundIds)
        {
            entry["id"] = $"re_Fake{_next:D4}";
            entry["status"] = "successful";
        }

        ((JsonArray)charge["refunds"]!).Add(entry);
        charge["amountRefunded"] = refunded + amount;
        charge["refunded"] = refunded + amount == total;
        Event("CHARGE_REFUNDED", charge);
        return Ok(charge);
    }

    private string Event(string type, JsonObject data)
    {
        var id = $"evt_Fake{++_next:D4}";
        _events[id] = new JsonObject { ["id"] = id, ["created"] = 1_790_000_000 + _next, ["type"] = type, ["data"] = data.DeepClone() };
        return id;
    }

    private static JsonNode? Body(RecordedRequest request)
    {
        if (request.Header("Content-Type")?.StartsWith("application/json", StringComparison.Ordinal) != true)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(request.Body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static FakeResponse Ok(JsonObject body) => new(200, body.ToJsonString());

    public static FakeResponse Error(int status, string type, string? code, string message)
    {
        var error = new JsonObject { ["type"] = type, ["message"] = message };
        if (code is not null)
        {
            error["code"] = code;
        }

        return new(status, new JsonObject { ["error"] = error }.ToJsonString());
    }
}
