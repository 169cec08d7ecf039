using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Web;
using CleanPrepay.Gateways.ContractTests.Support;

namespace CleanPrepay.Gateways.ContractTests.Stripe;

/// <summary>
/// A local Stripe that answers with Stripe's own published fixtures (fixtures3.json, same commit as
/// the spec), changed only where the request decides: ids, amounts, statuses. It honours the
/// Idempotency-Key (the first answer is replayed), the Bearer key, and test payment methods:
/// <c>pm_card_visa</c> succeeds, <c>pm_card_chargeDeclined</c> is a 402, <c>pm_card_threeDSecure2Required</c>
/// needs action, <c>pm_card_processing</c> stays processing. <see cref="Script"/> injects failures.
/// </summary>
public sealed class FakeStripe : IAsyncDisposable
{
    public const string SecretKey = "sk_test_fake_0123456789abcdef";

    private static readonly JsonObject Fixtures = (JsonObject)JsonNode.Parse(File.ReadAllText(Specs.Stripe("fixtures3.json")))!["resources"]!;
    private readonly ConcurrentDictionary<string, JsonObject> _intents = new();
    private readonly ConcurrentDictionary<string, JsonObject> _setups = new();
    private readonly ConcurrentDictionary<string, JsonObject> _customers = new();
    private readonly ConcurrentDictionary<string, string?> _attached = new();
    private readonly ConcurrentDictionary<string, FakeResponse> _replays = new();
    private int _next;

    private FakeStripe()
    {
    }

    public FakeProvider Server { get; private set; } = null!;

    /// <summary>Answers to give before the normal ones (a 500, a delay…), one per request, in order.</summary>
    public ConcurrentQueue<FakeResponse> Script { get; } = new();

    public IReadOnlyDictionary<string, JsonObject> Intents => _intents;

    public IReadOnlyDictionary<string, JsonObject> Setups => _setups;

    public IReadOnlyDictionary<string, JsonObject> Customers => _customers;

    /// <summary>Saved payment methods by id, with the customer each is attached to (null once detached).</summary>
    public IReadOnlyDictionary<string, string?> Attached => _attached;

    /// <summary>How many answers to hold back past the adapter's timeout: the work is done, the answer is lost.</summary>
    public int SlowAnswers;

    public TimeSpan SlowBy { get; set; } = TimeSpan.FromSeconds(5);

    public static async Task<FakeStripe> StartAsync()
    {
        var fake = new FakeStripe();
        fake.Server = await FakeProvider.StartAsync(fake.Handle);
        return fake;
    }

    public static JsonObject Fixture(string resource) => (JsonObject)Fixtures[resource]!.DeepClone();

    public Dictionary<string, string?> Settings(string webhookSecret = "whsec_fake_secret") => new()
    {
        ["Gateways:Stripe:SecretKey"] = SecretKey,
        ["Gateways:Stripe:WebhookSecret"] = webhookSecret,
        ["Gateways:Stripe:BaseUrl"] = Server.BaseUrl.ToString(),
        ["Gateways:Stripe:AttemptTimeout"] = "00:00:01",
        ["Gateways:Stripe:TotalTimeout"] = "00:00:05",
        ["Gateways:Stripe:RetryDelay"] = "00:00:00.050",
        // Tests share one fake, and timeouts are on purpose: the breaker must not open across tests (its own test lowers this).
        ["Gateways:Stripe:BreakerMinimumThroughput"] = "1000",
    };

    /// <summary>Moves an intent on, as Stripe would after the payer acts (for webhooks and syncs).</summary>
    public JsonObject SetStatus(string intentId, string status)
    {
        var intent = _intents[intentId];
        intent["status"] = status;
        intent["next_action"] = null;
        return intent;
    }

    private FakeResponse Handle(RecordedRequest request)
    {
        var answer = Answer(request);
        return Interlocked.Decrement(ref SlowAnswers) >= 0 ? answer with { Delay = SlowBy } : answer;
    }

    private FakeResponse Answer(RecordedRequest request)
    {
        if (Script.TryDequeue(out var scripted))
        {
            return scripted;
        }

        if (request.Header("Authorization") != $"Bearer {SecretKey}")
        {
            return FakeResponse.Json(401, """{"error":{"type":"invalid_request_error","code":"api_key_invalid","message":"Invalid API Key provided."}}""");
        }

        var key = request.Method == "POST" ? request.Header("Idempotency-Key") : null;
        if (key is not null && _replays.TryGetValue(key, out var replay))
        {
            return replay;
        }

        var answer = Route(request);
        if (key is not null)
        {
            _replays[key] = answer;
        }

        return answer;
    }

    private FakeResponse Route(RecordedRequest request)
    {
        var form = HttpUtility.ParseQueryString(request.Method == "POST" ? request.Body : string.Empty);
        var segments = request.Path.Trim('/').Split('/');
        switch (request.Method, segments)
        {
            case ("POST", ["v1", "payment_intents"]):
                return Create(form);
            case ("GET", ["v1", "payment_intents", "search"]):
            {
                var query = HttpUtility.ParseQueryString(request.Query)["query"] ?? string.Empty;
                var matches = _intents.Values.Where(i => query == $"metadata['payment_id']:'{i["metadata"]?["payment_id"]}'").Select(i => (JsonNode)i.DeepClone()).ToArray();
                return Ok(new JsonObject { ["object"] = "search_result", ["data"] = new JsonArray(matches), ["has_more"] = false, ["url"] = "/v1/payment_intents/search" });
            }

            case ("GET", ["v1", "payment_intents", var id]):
                return _intents.TryGetValue(id, out var found)
                    ? Ok(HttpUtility.ParseQueryString(request.Query)["expand[0]"] == "payment_method" ? Expanded(found) : found)
                    : NotFound(id);
            case ("POST", ["v1", "payment_intents", var id, "capture"]):
                if (!_intents.TryGetValue(id, out var toCapture))
                {
                    return NotFound(id);
                }

                if ((string?)toCapture["status"] != "requires_capture")
                {
                    return FakeResponse.Json(400, """{"error":{"type":"invalid_request_error","code":"payment_intent_unexpected_state","message":"This PaymentIntent could not be captured."}}""");
                }

                toCapture["status"] = "succeeded";
                toCapture["amount_received"] = long.Parse(form["amount_to_capture"] ?? toCapture["amount"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture);
                return Ok(toCapture);
            case ("POST", ["v1", "payment_intents", var id, "cancel"]):
                if (!_intents.TryGetValue(id, out var toCancel))
                {
                    return NotFound(id);
                }

                toCancel["status"] = "canceled";
                toCancel["cancellation_reason"] = form["cancellation_reason"];
                return Ok(toCancel);
            case ("POST", ["v1", "customers"]):
            {
                var customer = Fixture("customer");
                customer["id"] = $"cus_fake{Interlocked.Increment(ref _next)}";
                customer["email"] = form["email"];
                customer["name"] = form["name"];
                customer["metadata"] = new JsonObject { ["customer_id"] = form["metadata[customer_id]"] };
                _customers[(string)customer["id"]!] = customer;
                return Ok(customer);
            }

            case ("POST", ["v1", "setup_intents"]):
                return Setup(form);
            case ("GET", ["v1", "setup_intents", var id]):
                return _setups.TryGetValue(id, out var setup) ? Ok(setup) : NotFound(id);
            case ("POST", ["v1", "payment_methods", var id, "detach"]):
                if (!_attached.ContainsKey(id))
                {
                    return NotFound(id);
                }

                _attached[id] = null;
                return Ok(PaymentMethod(id, null));
            case ("POST", ["v1", "refunds"]):
            {
                var refund = Fixture("refund");
                refund["id"] = $"re_fake{Interlocked.Increment(ref _next)}";
                refund["payment_intent"] = form["payment_intent"];
                refund["amount"] = long.Parse(form["amount"]!, System.Globalization.CultureInfo.InvariantCulture);
                refund["status"] = _intents.TryGetValue(form["payment_intent"]!, out var paid) && (string?)paid["status"] == "succeeded" ? "succeeded" : "failed";
                return Ok(refund);
            }

            default:
                return FakeResponse.Json(404, """{"error":{"type":"invalid_request_error","message":"Unrecognized request URL."}}""");
        }
    }

    private FakeResponse Create(System.Collections.Specialized.NameValueCollection form)
    {
        var intent = Fixture("payment_intent");
        var id = $"pi_fake{Interlocked.Increment(ref _next)}";
        intent["id"] = id;
        intent["client_secret"] = $"{id}_secret_fake";
        intent["amount"] = long.Parse(form["amount"]!, System.Globalization.CultureInfo.InvariantCulture);
        intent["currency"] = form["currency"];
        intent["capture_method"] = form["capture_method"] ?? "automatic";
        intent["description"] = form["description"];
        intent["payment_method"] = form["payment_method"];
        intent["customer"] = form["customer"];
        intent["setup_future_usage"] = form["setup_future_usage"];
        intent["metadata"] = new JsonObject { ["payment_id"] = form["metadata[payment_id]"], ["customer_id"] = form["metadata[customer_id]"] };
        var manual = (string?)intent["capture_method"] == "manual";
        var saved = form["payment_method"] is { } pm && _attached.ContainsKey(pm);
        if (saved && (_attached[form["payment_method"]!] is null || _attached[form["payment_method"]!] != form["customer"]))
        {
            return FakeResponse.Json(400, """{"error":{"type":"invalid_request_error","code":"resource_missing","message":"The payment method is not attached to this customer."}}""");
        }

        if (saved && form["off_session"] == "true" && form["payment_method"]!.Contains("authenticationRequired", StringComparison.Ordinal))
        {
            // Stripe's off-session answer when the bank wants the payer: a 402 with the intent back in requires_payment_method.
            intent["status"] = "requires_payment_method";
            intent["last_payment_error"] = new JsonObject { ["type"] = "card_error", ["code"] = "authentication_required", ["message"] = "Your card requires authentication." };
            _intents[id] = intent;
            return FakeResponse.Json(402, new JsonObject
            {
                ["error"] = new JsonObject
                {
                    ["type"] = "card_error", ["code"] = "authentication_required", ["message"] = "Your card requires authentication.",
                    ["payment_intent"] = intent.DeepClone(),
                },
            }.ToJsonString());
        }

        var token = saved && form["payment_method"]!.Contains("chargeDeclinedLater", StringComparison.Ordinal) ? "pm_card_chargeDeclined" : form["payment_method"];
        if (form["setup_future_usage"] == "off_session" && form["customer"] is { } keeper && token is "pm_card_visa" or "pm_card_threeDSecure2Required")
        {
            // Stripe keeps the card on the Customer; the intent names it by id unless asked to expand it.
            var kept = $"pm_saved{Interlocked.Increment(ref _next)}_{token[3..]}";
            _attached[kept] = keeper;
            intent["payment_method"] = kept;
        }

        switch (token)
        {
            case "pm_card_chargeDeclined":
                intent["status"] = "requires_payment_method";
                intent["last_payment_error"] = new JsonObject { ["type"] = "card_error", ["code"] = "card_declined", ["decline_code"] = "generic_decline", ["message"] = "Your card was declined." };
                _intents[id] = intent;
                return FakeResponse.Json(402, new JsonObject
                {
                    ["error"] = new JsonObject
                    {
                        ["type"] = "card_error", ["code"] = "card_declined", ["decline_code"] = "generic_decline", ["message"] = "Your card was declined.",
                        ["payment_intent"] = intent.DeepClone(),
                    },
                }.ToJsonString());
            case "pm_card_threeDSecure2Required":
                intent["status"] = "requires_action";
                intent["next_action"] = new JsonObject
                {
                    ["type"] = "redirect_to_url",
                    ["redirect_to_url"] = new JsonObject { ["url"] = $"https://hooks.stripe.com/3d_secure_2/hosted?payment_intent={id}", ["return_url"] = form["return_url"] },
                };
                break;
            case "pm_card_processing":
                intent["status"] = "processing";
                break;
            default:
                intent["status"] = manual ? "requires_capture" : "succeeded";
                intent["amount_received"] = manual ? 0 : intent["amount"]!.DeepClone();
                break;
        }

        _intents[id] = intent;
        return Ok(form["expand[0]"] == "payment_method" ? Expanded(intent) : intent);
    }

    /// <summary>The intent with its payment method as the object, as <c>expand[]=payment_method</c> asks.</summary>
    private JsonObject Expanded(JsonObject intent)
    {
        var copy = (JsonObject)intent.DeepClone();
        if (copy["payment_method"] is JsonValue value && value.GetValue<string>() is { } method)
        {
            copy["payment_method"] = PaymentMethod(method, _attached.TryGetValue(method, out var owner) ? owner : null);
        }

        return copy;
    }

    private FakeResponse Setup(System.Collections.Specialized.NameValueCollection form)
    {
        var intent = Fixture("setup_intent");
        var id = $"seti_fake{Interlocked.Increment(ref _next)}";
        intent["id"] = id;
        intent["client_secret"] = $"{id}_secret_fake";
        intent["customer"] = form["customer"];
        intent["usage"] = form["usage"];
        intent["metadata"] = new JsonObject { ["saved_method_id"] = form["metadata[saved_method_id]"], ["customer_id"] = form["metadata[customer_id]"] };
        if (form["customer"] is not { } customer || !_customers.ContainsKey(customer))
        {
            return FakeResponse.Json(400, """{"error":{"type":"invalid_request_error","code":"resource_missing","message":"No such customer."}}""");
        }

        var token = form["payment_method"];
        if (token == "pm_card_chargeDeclined")
        {
            intent["status"] = "requires_payment_method";
            intent["last_setup_error"] = new JsonObject { ["type"] = "card_error", ["code"] = "card_declined", ["message"] = "Your card was declined." };
            _setups[id] = intent;
            return FakeResponse.Json(402, new JsonObject
            {
                ["error"] = new JsonObject { ["type"] = "card_error", ["code"] = "card_declined", ["message"] = "Your card was declined.", ["setup_intent"] = intent.DeepClone() },
            }.ToJsonString());
        }

        var method = $"pm_saved{Interlocked.Increment(ref _next)}_{token?[3..]}";
        _attached[method] = customer;
        intent["payment_method"] = form["expand[0]"] == "payment_method" ? PaymentMethod(method, customer) : method;
        if (token == "pm_card_threeDSecure2Required")
        {
            intent["status"] = "requires_action";
            intent["next_action"] = new JsonObject
            {
                ["type"] = "redirect_to_url",
                ["redirect_to_url"] = new JsonObject { ["url"] = $"https://hooks.stripe.com/3d_secure_2/hosted?setup_intent={id}", ["return_url"] = form["return_url"] },
            };
        }
        else
        {
            intent["status"] = "succeeded";
        }

        _setups[id] = intent;
        return Ok(intent);
    }

    private static JsonObject PaymentMethod(string id, string? customer)
    {
        var method = Fixture("payment_method");
        method["id"] = id;
        method["customer"] = customer;
        method["card"]!["brand"] = "visa";
        method["card"]!["last4"] = id.Contains("authenticationRequired", StringComparison.Ordinal) ? "3184" : "4242";
        method["card"]!["exp_month"] = 12;
        method["card"]!["exp_year"] = 2034;
        return method;
    }

    private static FakeResponse Ok(JsonNode body) => FakeResponse.Json(200, body.ToJsonString());

    private static FakeResponse NotFound(string id) =>
        FakeResponse.Json(404, new JsonObject
        {
            ["error"] = new JsonObject { ["type"] = "invalid_request_error", ["code"] = "resource_missing", ["message"] = $"No such payment_intent: '{id}'" },
        }.ToJsonString());

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
