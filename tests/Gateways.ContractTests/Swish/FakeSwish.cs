using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CleanPrepay.Gateways.ContractTests.Support;

namespace CleanPrepay.Gateways.ContractTests.Swish;

/// <summary>
/// Swish's Commerce API as docs/reference/providers.md#swish documents it, over real mutual TLS: only the expected client
/// certificate gets through the handshake, and the Swish number bound to it must be the request's
/// <c>payeeAlias</c> (403 otherwise). Payment requests and refunds are kept per instruction id, and a
/// repeated PUT on an id answers as the first did. Codes marked FAKE_ are this fake's own, for rules
/// the facts state without naming a code.
/// </summary>
public sealed partial class FakeSwish : IAsyncDisposable
{
    public const string SwishNumber = "1231181189";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, JsonObject> _payments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _refunds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _tokens = new(StringComparer.Ordinal);
    private readonly X509Certificate2 _client;
    private FakeProvider? _provider;

    private FakeSwish(X509Certificate2 client) => _client = client;

    public FakeProvider Provider => _provider!;

    public Uri BaseUrl => Provider.BaseUrl;

    /// <summary>A delay to answer a request with, after it has taken effect (a lost or late answer).</summary>
    public Func<RecordedRequest, TimeSpan?> DelayFor { get; set; } = _ => null;

    [GeneratedRegex("^[0-9A-F]{32}$")]
    private static partial Regex InstructionId();

    [GeneratedRegex(@"^[0-9]+(\.[0-9]{2})?$")]
    private static partial Regex AmountShape();

    [GeneratedRegex("^[0-9]{8,15}$")]
    private static partial Regex PayerAliasShape();

    [GeneratedRegex("^[a-zA-ZåäöÅÄÖ0-9:;.,?!()\" ]{0,50}$")]
    private static partial Regex MessageShape();

    public static async Task<FakeSwish> StartAsync(SwishCertificatesForTests certificates)
    {
        var fake = new FakeSwish(certificates.Client);
        fake._provider = await FakeProvider.StartAsync(
            fake.Handle, certificates.Server, requireClientCertificate: true,
            acceptClientCertificate: presented => presented.Thumbprint == certificates.Client.Thumbprint);
        return fake;
    }

    public IReadOnlyList<RecordedRequest> Requests => [.. Provider.Requests];

    public int PaymentCount
    {
        get
        {
            lock (_lock)
            {
                return _payments.Count;
            }
        }
    }

    public int RefundCount
    {
        get
        {
            lock (_lock)
            {
                return _refunds.Count;
            }
        }
    }

    public JsonObject Payment(string id)
    {
        lock (_lock)
        {
            return (JsonObject)_payments[id].DeepClone();
        }
    }

    /// <summary>The PaymentRequestToken handed out for a request without a payer alias.</summary>
    public string? TokenOf(string id)
    {
        lock (_lock)
        {
            return _tokens.GetValueOrDefault(id);
        }
    }

    public JsonObject Refund(string id)
    {
        lock (_lock)
        {
            return (JsonObject)_refunds[id].DeepClone();
        }
    }

    /// <summary>The payer approves in the app: PAID, with Swish's own payment reference.</summary>
    public string Pay(string id)
    {
        var reference = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        lock (_lock)
        {
            var payment = _payments[id];
            payment["status"] = "PAID";
            payment["paymentReference"] = reference;
            payment["datePaid"] = "2026-11-22T13:00:02.123+01:00";
        }

        return reference;
    }

    /// <summary>Any documented end (or <c>CREATED</c> again), with an error code as the callback would carry.</summary>
    public void Set(string id, string status, string? errorCode = null)
    {
        lock (_lock)
        {
            var payment = _payments[id];
            payment["status"] = status;
            if (errorCode is not null)
            {
                payment["errorCode"] = errorCode;
                payment["errorMessage"] = $"Simulated {errorCode}";
            }

            if (status == "PAID")
            {
                payment["paymentReference"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            }
        }
    }

    public void SetRefund(string id, string status, string? errorCode = null)
    {
        lock (_lock)
        {
            var refund = _refunds[id];
            refund["status"] = status;
            if (errorCode is not null)
            {
                refund["errorCode"] = errorCode;
                refund["errorMessage"] = $"Simulated {errorCode}";
            }
        }
    }

    private FakeResponse Handle(RecordedRequest request)
    {
        var response = Route(request);
        return DelayFor(request) is { } delay ? response with { Delay = delay } : response;
    }

    private FakeResponse Route(RecordedRequest request)
    {
        // The TLS layer already refused any other certificate; this is the API's own check.
        if (request.ClientCertificate?.Thumbprint != _client.Thumbprint)
        {
            return new FakeResponse(401);
        }

        var segments = request.Path.Trim('/').Split('/');
        return (request.Method, segments) switch
        {
            ("PUT", ["api", "v2", "paymentrequests", var id]) => CreatePayment(id, request),
            ("GET", ["api", "v1", "paymentrequests", var id]) => Get(_payments, id),
            ("PATCH", ["api", "v1", "paymentrequests", var id]) => Cancel(id, request),
            ("PUT", ["api", "v2", "refunds", var id]) => CreateRefund(id, request),
            ("GET", ["api", "v1", "refunds", var id]) => Get(_refunds, id),
            _ => new FakeResponse(404),
        };
    }

    private FakeResponse CreatePayment(string id, RecordedRequest request)
    {
        if (Validate(id, request, out var body, aliasField: "payeeAlias") is { } refused)
        {
            return refused;
        }

        var payerAlias = body.StringAt("payerAlias");
        if (payerAlias is not null && !PayerAliasShape().IsMatch(payerAlias))
        {
            return Errors("BE18", "Payer alias is invalid.");
        }

        if (body.StringAt("message") is { } message && !MessageShape().IsMatch(message))
        {
            return Errors("FAKE_MESSAGE", "Message too long or with characters Swish does not take.");
        }

        lock (_lock)
        {
            if (!_payments.TryGetValue(id, out var payment))
            {
                payment = new JsonObject
                {
                    ["id"] = id,
                    ["payeePaymentReference"] = body.StringAt("payeePaymentReference"),
                    ["paymentReference"] = null,
                    ["callbackUrl"] = body.StringAt("callbackUrl"),
                    ["payerAlias"] = payerAlias,
                    ["payeeAlias"] = body.StringAt("payeeAlias"),
                    ["amount"] = decimal.Parse(body.StringAt("amount")!, CultureInfo.InvariantCulture),
                    ["currency"] = "SEK",
                    ["message"] = body.StringAt("message"),
                    ["status"] = "CREATED",
                    ["dateCreated"] = "2026-11-22T13:00:00.000+01:00",
                    ["datePaid"] = null,
                    ["errorCode"] = null,
                    ["errorMessage"] = null,
                };
                _payments[id] = payment;
                _tokens[id] = payerAlias is null ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) : null;
            }

            var headers = new Dictionary<string, string> { ["Location"] = $"{BaseUrl}api/v1/paymentrequests/{id}" };
            if (_tokens[id] is { } token)
            {
                headers["PaymentRequestToken"] = token;
            }

            return new FakeResponse(201, Headers: headers);
        }
    }

    private FakeResponse Cancel(string id, RecordedRequest request)
    {
        if (request.Header("Content-Type") != "application/json-patch+json")
        {
            return new FakeResponse(415);
        }

        var patch = Parse(request.Body) as JsonArray;
        if (patch is not [JsonObject op] || op.StringAt("op") != "replace" || op.StringAt("path") != "/status" || op.StringAt("value") != "cancelled")
        {
            return new FakeResponse(400);
        }

        lock (_lock)
        {
            if (!_payments.TryGetValue(id, out var payment))
            {
                return new FakeResponse(404);
            }

            if (payment.StringAt("status") != "CREATED")
            {
                return Errors("RP07", "Transaction status is not CREATED.");
            }

            payment["status"] = "CANCELLED";
            return FakeResponse.Json(200, payment.ToJsonString());
        }
    }

    private FakeResponse CreateRefund(string id, RecordedRequest request)
    {
        if (Validate(id, request, out var body, aliasField: "payerAlias") is { } refused)
        {
            return refused;
        }

        lock (_lock)
        {
            if (_refunds.ContainsKey(id))
            {
                return new FakeResponse(201, Headers: new Dictionary<string, string> { ["Location"] = $"{BaseUrl}api/v1/refunds/{id}" });
            }

            var original = _payments.Values.FirstOrDefault(p => p.StringAt("status") == "PAID" && p.StringAt("paymentReference") == body.StringAt("originalPaymentReference"));
            if (original is null)
            {
                return Errors("FAKE_ORIGINAL", "No paid payment has this originalPaymentReference.");
            }

            var amount = decimal.Parse(body.StringAt("amount")!, CultureInfo.InvariantCulture);
            var refunded = _refunds.Values.Where(r => r.StringAt("originalPaymentReference") == body.StringAt("originalPaymentReference") && r.StringAt("status") != "ERROR")
                .Sum(r => r["amount"]!.GetValue<decimal>());
            if (amount > original["amount"]!.GetValue<decimal>() - refunded)
            {
                return Errors("FAKE_AMOUNT_EXCEEDS", "The refund is more than what remains of the payment.");
            }

            _refunds[id] = new JsonObject
            {
                ["id"] = id,
                ["paymentReference"] = null,
                ["originalPaymentReference"] = body.StringAt("originalPaymentReference"),
                ["callbackUrl"] = body.StringAt("callbackUrl"),
                ["payerAlias"] = body.StringAt("payerAlias"),
                ["amount"] = amount,
                ["currency"] = "SEK",
                ["status"] = "CREATED",
                ["dateCreated"] = "2026-11-22T14:00:00.000+01:00",
                ["errorCode"] = null,
                ["errorMessage"] = null,
            };
            return new FakeResponse(201, Headers: new Dictionary<string, string> { ["Location"] = $"{BaseUrl}api/v1/refunds/{id}" });
        }
    }

    /// <summary>What a payment request and a refund PUT share: the id, JSON, the alias of the certificate, HTTPS callback, SEK amount.</summary>
    private static FakeResponse? Validate(string id, RecordedRequest request, out JsonObject body, string aliasField)
    {
        body = new JsonObject();
        if (!InstructionId().IsMatch(id))
        {
            return Errors("FAKE_INSTRUCTION_ID", "The instruction id must be 32 upper-case hex digits.");
        }

        if (request.Header("Content-Type") != "application/json" || Parse(request.Body) is not JsonObject parsed)
        {
            return new FakeResponse(415);
        }

        body = parsed;
        if (body.StringAt(aliasField) != SwishNumber)
        {
            return new FakeResponse(403);
        }

        if (body.StringAt("callbackUrl") is not { } callback || !callback.StartsWith("https://", StringComparison.Ordinal))
        {
            return Errors("RP03", "Callback URL is missing or does not use HTTPS.");
        }

        if (body.StringAt("currency") != "SEK")
        {
            return Errors("FAKE_CURRENCY", "Swish takes SEK only.");
        }

        if (body["amount"] is not JsonValue amount || amount.GetValueKind() != JsonValueKind.String || !AmountShape().IsMatch(amount.GetValue<string>()))
        {
            return Errors("FAKE_AMOUNT_FORMAT", "The amount must be a string of digits with two decimals.");
        }

        var value = decimal.Parse(amount.GetValue<string>(), CultureInfo.InvariantCulture);
        return value is < 1m or > 999_999_999_999.99m ? Errors("AM06", "Specified transaction amount is less than agreed minimum.") : null;
    }

    private FakeResponse Get(Dictionary<string, JsonObject> store, string id)
    {
        lock (_lock)
        {
            return store.TryGetValue(id, out var found) ? FakeResponse.Json(200, found.ToJsonString()) : new FakeResponse(404);
        }
    }

    private static FakeResponse Errors(string code, string message) =>
        FakeResponse.Json(422, new JsonArray(new JsonObject { ["errorCode"] = code, ["errorMessage"] = message, ["additionalInformation"] = null }).ToJsonString());

    private static JsonNode? Parse(string body)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public ValueTask DisposeAsync() => Provider.DisposeAsync();
}

internal static class FakeSwishJson
{
    public static string? StringAt(this JsonNode? node, string field) =>
        node?[field] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
