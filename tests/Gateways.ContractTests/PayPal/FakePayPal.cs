using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using CleanPrepay.Gateways.ContractTests.Support;

namespace CleanPrepay.Gateways.ContractTests.PayPal;

/// <summary>
/// A local PayPal (Orders v2, Payments v2, Notifications v1) from the published specs: OAuth2 client
/// credentials, PayPal-Request-Id replays, orders the payer approves (<see cref="Approve"/>), captures,
/// refunds, and verify-webhook-signature answering SUCCESS only for a signature it was told is genuine.
/// </summary>
public sealed class FakePayPal : IAsyncDisposable
{
    public const string ClientId = "AaFakeClientId";
    public const string ClientSecret = "EFakeClientSecret_do_not_log";
    public const string WebhookId = "1JE4291016473214C";
    public const string AccessToken = "A21AAFakeAccessToken_do_not_log";

    private readonly ConcurrentDictionary<string, JsonObject> _orders = new();
    private readonly ConcurrentDictionary<string, FakeResponse> _replays = new();
    private readonly ConcurrentDictionary<string, JsonObject> _setupTokens = new();
    private readonly ConcurrentDictionary<string, bool> _paymentTokens = new();
    private int _next;

    public FakeProvider Server { get; private set; } = null!;

    public ConcurrentQueue<FakeResponse> Script { get; } = new();

    /// <summary>Transmission signatures PayPal would confirm.</summary>
    public ConcurrentBag<string> GenuineSignatures { get; } = [];

    public int TokenRequests;

    public IReadOnlyDictionary<string, JsonObject> Orders => _orders;

    public static async Task<FakePayPal> StartAsync()
    {
        var fake = new FakePayPal();
        fake.Server = await FakeProvider.StartAsync(fake.Handle);
        return fake;
    }

    public Dictionary<string, string?> Settings() => new()
    {
        ["Gateways:PayPal:ClientId"] = ClientId,
        ["Gateways:PayPal:ClientSecret"] = ClientSecret,
        ["Gateways:PayPal:WebhookId"] = WebhookId,
        ["Gateways:PayPal:BaseUrl"] = Server.BaseUrl.ToString(),
        ["Gateways:PayPal:ReturnUrl"] = "https://shop.test/paypal/return",
        ["Gateways:PayPal:AttemptTimeout"] = "00:00:01",
        ["Gateways:PayPal:TotalTimeout"] = "00:00:03",
        ["Gateways:PayPal:RetryDelay"] = "00:00:00.050",
        // Tests share one fake, and timeouts are on purpose: the breaker must not open across tests (its own test lowers this).
        ["Gateways:PayPal:BreakerMinimumThroughput"] = "1000",
    };

    private static string? VaultId(JsonNode? body) => body?["payment_source"]?["paypal"]?["vault_id"]?.GetValue<string>();

    /// <summary>The payer approves a vault setup token at PayPal.</summary>
    public void ApproveSetup(string setupTokenId) => _setupTokens[setupTokenId]["status"] = "APPROVED";

    /// <summary>Vault payment tokens by id: false once deleted.</summary>
    public IReadOnlyDictionary<string, bool> PaymentTokens => _paymentTokens;

    /// <summary>The payer approves at PayPal.</summary>
    public void Approve(string orderId) => _orders[orderId]["status"] = "APPROVED";

    private FakeResponse Handle(RecordedRequest request)
    {
        if (Script.TryDequeue(out var scripted))
        {
            return scripted;
        }

        if (request.Path == "/v1/oauth2/token")
        {
            Interlocked.Increment(ref TokenRequests);
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}"));
            return request.Header("Authorization") == $"Basic {basic}" && request.Body == "grant_type=client_credentials"
                ? FakeResponse.Json(200, $$"""{"scope":"https://uri.paypal.com/services/payments/payment","access_token":"{{AccessToken}}","token_type":"Bearer","app_id":"APP-80W284485P519543T","expires_in":32400,"nonce":"fake"}""")
                : FakeResponse.Json(401, """{"error":"invalid_client","error_description":"Client Authentication failed"}""");
        }

        if (request.Header("Authorization") != $"Bearer {AccessToken}")
        {
            return FakeResponse.Json(401, """{"name":"AUTHENTICATION_FAILURE","message":"Authentication failed due to invalid authentication credentials or a missing Authorization header.","debug_id":"fake"}""");
        }

        var key = request.Header("PayPal-Request-Id");
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
        var body = string.IsNullOrEmpty(request.Body) ? null : JsonNode.Parse(request.Body);
        var segments = request.Path.Trim('/').Split('/');
        switch (request.Method, segments)
        {
            case ("POST", ["v3", "vault", "setup-tokens"]):
            {
                var id = $"5C99{Interlocked.Increment(ref _next):D4}K2A";
                var token = new JsonObject
                {
                    ["id"] = id,
                    ["status"] = "PAYER_ACTION_REQUIRED",
                    ["payment_source"] = body!["payment_source"]!.DeepClone(),
                    ["links"] = new JsonArray(
                        new JsonObject { ["href"] = $"https://www.sandbox.paypal.com/agreements/approve?approval_session_id={id}", ["rel"] = "approve", ["method"] = "GET" }),
                };
                _setupTokens[id] = token;
                return Ok(token, 201);
            }

            case ("GET", ["v3", "vault", "setup-tokens", var id]):
                return _setupTokens.TryGetValue(id, out var setupToken) ? Ok(setupToken) : NotFound();
            case ("POST", ["v3", "vault", "payment-tokens"]):
            {
                var setupId = body?["payment_source"]?["token"]?["id"]?.GetValue<string>();
                if (setupId is null || !_setupTokens.TryGetValue(setupId, out var approved) || (string?)approved["status"] != "APPROVED")
                {
                    return Unprocessable("SETUP_TOKEN_NOT_APPROVED", "The setup token has not been approved by the payer.");
                }

                var id = $"8kk{Interlocked.Increment(ref _next):D4}845mw";
                _paymentTokens[id] = true;
                return Ok(new JsonObject
                {
                    ["id"] = id,
                    ["customer"] = new JsonObject { ["id"] = $"customer_{setupId}" },
                    ["payment_source"] = new JsonObject { ["paypal"] = new JsonObject { ["email_address"] = "payer@example.com" } },
                }, 201);
            }

            case ("DELETE", ["v3", "vault", "payment-tokens", var id]):
                if (!_paymentTokens.ContainsKey(id))
                {
                    return NotFound();
                }

                _paymentTokens[id] = false;
                return new FakeResponse(204, string.Empty);
            case ("POST", ["v2", "checkout", "orders"]) when VaultId(body) is not null:
            {
                var vaultId = VaultId(body)!;
                if (!_paymentTokens.TryGetValue(vaultId, out var live) || !live)
                {
                    return Unprocessable("INVALID_RESOURCE_ID", "The vault_id is not a payment token of this merchant.");
                }

                var unit = body!["purchase_units"]![0]!.DeepClone().AsObject();
                if ((string?)unit["description"] == "decline")
                {
                    return Unprocessable("INSTRUMENT_DECLINED", "The instrument presented was either declined by the processor or bank.");
                }

                var id = $"5O19{Interlocked.Increment(ref _next):D4}TN364715T";
                unit["payments"] = new JsonObject
                {
                    ["captures"] = new JsonArray(new JsonObject
                    {
                        ["id"] = $"3C67{Interlocked.Increment(ref _next):D4}XH9212349", ["status"] = "COMPLETED", ["amount"] = unit["amount"]!.DeepClone(),
                        ["custom_id"] = unit["custom_id"]?.DeepClone(), ["final_capture"] = true,
                    }),
                };
                var order = new JsonObject { ["id"] = id, ["intent"] = body!["intent"]!.DeepClone(), ["status"] = "COMPLETED", ["purchase_units"] = new JsonArray(unit) };
                _orders[id] = order;
                return Ok(order, 201);
            }

            case ("POST", ["v2", "checkout", "orders"]):
            {
                var id = $"5O19{Interlocked.Increment(ref _next):D4}TN364715T";
                var unit = body!["purchase_units"]![0]!.DeepClone().AsObject();
                var order = new JsonObject
                {
                    ["id"] = id,
                    ["intent"] = body["intent"]!.DeepClone(),
                    ["status"] = "PAYER_ACTION_REQUIRED",
                    ["purchase_units"] = new JsonArray(unit),
                    ["links"] = new JsonArray(
                        new JsonObject { ["href"] = $"https://api-m.sandbox.paypal.com/v2/checkout/orders/{id}", ["rel"] = "self", ["method"] = "GET" },
                        new JsonObject { ["href"] = $"https://www.sandbox.paypal.com/checkoutnow?token={id}", ["rel"] = "payer-action", ["method"] = "GET" }),
                };
                _orders[id] = order;
                return Ok(order, 201);
            }

            case ("GET", ["v2", "checkout", "orders", var id]):
                return _orders.TryGetValue(id, out var found) ? Ok(found) : NotFound();
            case ("POST", ["v2", "checkout", "orders", var id, "capture"]):
            {
                if (!_orders.TryGetValue(id, out var order))
                {
                    return NotFound();
                }

                if ((string?)order["status"] != "APPROVED")
                {
                    return Unprocessable("ORDER_NOT_APPROVED", "Payer has not yet approved the Order for payment.");
                }

                var unit = order["purchase_units"]![0]!;
                if ((string?)unit["description"] == "decline")
                {
                    return Unprocessable("INSTRUMENT_DECLINED", "The instrument presented was either declined by the processor or bank.");
                }

                order["status"] = "COMPLETED";
                unit["payments"] = new JsonObject
                {
                    ["captures"] = new JsonArray(new JsonObject
                    {
                        ["id"] = $"3C67{Interlocked.Increment(ref _next):D4}XH9212349",
                        ["status"] = (string?)unit["description"] == "pending" ? "PENDING" : "COMPLETED",
                        ["amount"] = unit["amount"]!.DeepClone(),
                        ["custom_id"] = unit["custom_id"]?.DeepClone(),
                        ["final_capture"] = true,
                    }),
                };
                return Ok(order, 201);
            }

            case ("POST", ["v2", "checkout", "orders", var id, "authorize"]):
            {
                var order = _orders[id];
                order["status"] = "COMPLETED";
                var unit = order["purchase_units"]![0]!;
                unit["payments"] = new JsonObject
                {
                    ["authorizations"] = new JsonArray(new JsonObject
                    {
                        ["id"] = $"0AW{Interlocked.Increment(ref _next):D4}KX4481210",
                        ["status"] = "CREATED",
                        ["amount"] = unit["amount"]!.DeepClone(),
                    }),
                };
                return Ok(order, 201);
            }

            case ("POST", ["v2", "payments", "authorizations", var authorization, "capture"]):
            {
                var order = _orders.Values.First(o => (string?)o["purchase_units"]![0]!["payments"]?["authorizations"]?[0]?["id"] == authorization);
                var capture = new JsonObject { ["id"] = $"7TK{Interlocked.Increment(ref _next):D4}RT85041", ["status"] = "COMPLETED", ["amount"] = body!["amount"]!.DeepClone() };
                order["purchase_units"]![0]!["payments"]!["captures"] = new JsonArray(capture.DeepClone());
                return Ok(capture, 201);
            }

            case ("POST", ["v2", "payments", "captures", var capture, "refund"]):
                return Ok(new JsonObject { ["id"] = $"1JU{Interlocked.Increment(ref _next):D4}XX4491426", ["status"] = "COMPLETED", ["amount"] = body!["amount"]!.DeepClone() }, 201);
            case ("POST", ["v1", "notifications", "verify-webhook-signature"]):
            {
                var genuine = (string?)body!["webhook_id"] == WebhookId && GenuineSignatures.Contains((string?)body["transmission_sig"] ?? "");
                return Ok(new JsonObject { ["verification_status"] = genuine ? "SUCCESS" : "FAILURE" });
            }

            default:
                return NotFound();
        }
    }

    private static FakeResponse Ok(JsonNode body, int status = 200) => FakeResponse.Json(status, body.ToJsonString());

    private static FakeResponse NotFound() =>
        FakeResponse.Json(404, """{"name":"RESOURCE_NOT_FOUND","details":[{"issue":"INVALID_RESOURCE_ID","description":"Specified resource ID does not exist."}],"message":"The specified resource does not exist.","debug_id":"fake"}""");

    private static FakeResponse Unprocessable(string issue, string description) =>
        FakeResponse.Json(422, new JsonObject
        {
            ["name"] = "UNPROCESSABLE_ENTITY",
            ["details"] = new JsonArray(new JsonObject { ["issue"] = issue, ["description"] = description }),
            ["message"] = "The requested action could not be performed, semantically incorrect, or failed business validation.",
            ["debug_id"] = "fake",
        }.ToJsonString());

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
