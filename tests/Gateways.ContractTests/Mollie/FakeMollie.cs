using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CleanPrepay.Gateways.ContractTests.Support;

namespace CleanPrepay.Gateways.ContractTests.Mollie;

/// <summary>
/// Mollie's Payments API v2 as docs/reference/providers.md#mollie describes it, over real HTTP: Bearer key (401
/// otherwise), JSON bodies, amounts as strings with exactly the currency's decimals, payments created
/// <c>open</c> with a checkout link, <c>Idempotency-Key</c> answered with the first answer, errors as
/// hal+json <c>{status, title, detail, field}</c>. State is kept per payment; tests move a payment
/// between statuses as Mollie would after the payer's checkout.
/// </summary>
public sealed partial class FakeMollie : IAsyncDisposable
{
    public const string ApiKey = "test_fAkEmOlLiEkEy0123456789abcdef";

    /// <summary>Decimals per currency: 2 for EUR/SEK/GBP (facts), 0 for JPY.</summary>
    public static readonly IReadOnlyDictionary<string, int> Decimals = new Dictionary<string, int> { ["EUR"] = 2, ["SEK"] = 2, ["GBP"] = 2, ["JPY"] = 0 };

    private readonly Lock _lock = new();
    private readonly Dictionary<string, JsonObject> _payments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeResponse> _replays = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _customers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _mandates = new(StringComparer.Ordinal);
    private int _next;

    private FakeMollie()
    {
    }

    public FakeProvider Server { get; private set; } = null!;

    /// <summary>Answers before the fake's own behaviour when it returns non-null (failures, delays).</summary>
    public Func<RecordedRequest, FakeResponse?>? Override { get; set; }

    /// <summary>The status the next refund is created with.</summary>
    public string NextRefundStatus { get; set; } = "pending";

    public IReadOnlyList<RecordedRequest> Requests => [.. Server.Requests];

    public static async Task<FakeMollie> StartAsync()
    {
        var fake = new FakeMollie();
        fake.Server = await FakeProvider.StartAsync(fake.Handle);
        return fake;
    }

    /// <summary>Moves a payment to a status, as the payer's checkout or Mollie would.</summary>
    public void SetStatus(string id, string status)
    {
        lock (_lock)
        {
            _payments[id]["status"] = status;
            if (status != "open")
            {
                ((JsonObject)_payments[id]["_links"]!).Remove("checkout");
            }
        }
    }

    /// <summary>
    /// The payer completes a <c>first</c> payment on Mollie's checkout: it is paid and a mandate is created on
    /// its customer (<c>directdebit</c> after a bank method, else <c>creditcard</c>), <c>valid</c> unless said otherwise.
    /// </summary>
    public string PayFirst(string id, string mandateStatus = "valid", bool declinesLater = false)
    {
        lock (_lock)
        {
            var payment = _payments[id];
            var customer = payment["customerId"]!.GetValue<string>();
            var sepa = payment["method"]?.GetValue<string>() is "ideal" or "bancontact" or "sofort" or "directdebit" or null;
            var mandateId = $"mdt_Fake{++_next:D4}";
            _mandates[mandateId] = new JsonObject
            {
                ["resource"] = "mandate",
                ["id"] = mandateId,
                ["mode"] = "test",
                ["status"] = mandateStatus,
                ["method"] = sepa ? "directdebit" : "creditcard",
                ["details"] = sepa
                    ? new JsonObject { ["consumerName"] = "A. Payer", ["consumerAccount"] = "NL55INGB0000000000", ["consumerBic"] = "INGBNL2A" }
                    : new JsonObject { ["cardHolder"] = "A. Payer", ["cardNumber"] = "6787", ["cardLabel"] = "Mastercard", ["cardExpiryDate"] = "2034-12-31" },
                ["customerId"] = customer,
                ["declinesLater"] = declinesLater,
            };
            payment["status"] = "paid";
            payment["mandateId"] = mandateId;
            // A paid payment's details show the card or the account that paid (Mollie's payment details per method).
            payment["details"] = _mandates[mandateId]!["details"]!.DeepClone();
            ((JsonObject)payment["_links"]!).Remove("checkout");
            return mandateId;
        }
    }

    /// <summary>The payer's bank charges the payment back, as Mollie reports it on the payment.</summary>
    public void ChargeBack(string id, string value)
    {
        lock (_lock)
        {
            _payments[id]["amountChargedBack"] = new JsonObject { ["currency"] = _payments[id]["amount"]!["currency"]!.GetValue<string>(), ["value"] = value };
        }
    }

    public JsonObject? Mandate(string id)
    {
        lock (_lock)
        {
            return _mandates.TryGetValue(id, out var mandate) ? (JsonObject)mandate.DeepClone() : null;
        }
    }

    public IReadOnlyList<JsonObject> Customers()
    {
        lock (_lock)
        {
            return [.. _customers.Values.Select(c => (JsonObject)c.DeepClone())];
        }
    }

    public JsonObject Payment(string id)
    {
        lock (_lock)
        {
            return (JsonObject)_payments[id].DeepClone();
        }
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    [GeneratedRegex("^/v2/payments/(tr_[A-Za-z0-9]+)(/captures|/refunds)?$")]
    private static partial Regex PaymentPath();

    [GeneratedRegex("^/v2/customers/(cst_[A-Za-z0-9]+)/mandates/(mdt_[A-Za-z0-9]+)$")]
    private static partial Regex MandatePath();

    private FakeResponse CreateCustomer(RecordedRequest request)
    {
        if (Body(request) is not JsonObject body || body["name"] is null || body["email"] is null)
        {
            return Error(422, "Unprocessable Entity", "The customer needs a name and an email.");
        }

        var id = $"cst_Fake{++_next:D4}";
        var customer = new JsonObject
        {
            ["resource"] = "customer", ["id"] = id, ["mode"] = "test", ["name"] = body["name"]!.DeepClone(), ["email"] = body["email"]!.DeepClone(),
            ["metadata"] = body["metadata"]?.DeepClone(),
        };
        _customers[id] = customer;
        return Ok(201, customer);
    }

    private FakeResponse Handle(RecordedRequest request)
    {
        if (Override?.Invoke(request) is { } scripted)
        {
            return scripted;
        }

        if (request.Header("Authorization") != $"Bearer {ApiKey}")
        {
            return Error(401, "Unauthorized Request", "Missing authentication, or failed to authenticate");
        }

        lock (_lock)
        {
            var key = request.Header("Idempotency-Key");
            var replayKey = $"{request.Method} {request.Path} {key}";
            if (key is not null && _replays.TryGetValue(replayKey, out var replay))
            {
                return replay;
            }

            var response = Route(request);
            if (key is not null && request.Method != "GET")
            {
                _replays[replayKey] = response;
            }

            return response;
        }
    }

    private FakeResponse Route(RecordedRequest request)
    {
        if (request.Path == "/v2/payments" && request.Method == "POST")
        {
            return Create(request);
        }

        if (request.Path == "/v2/customers" && request.Method == "POST")
        {
            return CreateCustomer(request);
        }

        if (MandatePath().Match(request.Path) is { Success: true } mandatePath)
        {
            if (!_mandates.TryGetValue(mandatePath.Groups[2].Value, out var mandate) || mandate["customerId"]!.GetValue<string>() != mandatePath.Groups[1].Value)
            {
                return Error(404, "Not Found", "No mandate exists with this id.");
            }

            switch (request.Method)
            {
                case "GET":
                    return Ok(200, mandate);
                case "DELETE":
                    mandate["status"] = "revoked";
                    return new FakeResponse(204, string.Empty);
                default:
                    return Error(405, "Method Not Allowed", "The method is not allowed.");
            }
        }

        var match = PaymentPath().Match(request.Path);
        if (!match.Success)
        {
            return Error(404, "Not Found", "The resource does not exist.");
        }

        var id = match.Groups[1].Value;
        if (!_payments.TryGetValue(id, out var payment))
        {
            return Error(404, "Not Found", $"No payment exists with token {id}.");
        }

        return (request.Method, match.Groups[2].Value) switch
        {
            ("GET", "") => Ok(200, payment),
            ("DELETE", "") => Cancel(payment),
            ("POST", "/captures") => Capture(request, payment),
            ("POST", "/refunds") => Refund(request, payment),
            _ => Error(405, "Method Not Allowed", "The method is not allowed."),
        };
    }

    private FakeResponse Create(RecordedRequest request)
    {
        if (Body(request) is not JsonObject body)
        {
            return Error(400, "Bad Request", "The body is not JSON.");
        }

        if (AmountError(body["amount"]) is { } amountError)
        {
            return amountError;
        }

        if (body["description"] is not JsonValue description || description.GetValueKind() != JsonValueKind.String
            || description.GetValue<string>().Length is 0 or > 255)
        {
            return Error(422, "Unprocessable Entity", "The description is invalid.", "description");
        }

        var sequence = body["sequenceType"]?.GetValue<string>() ?? "oneoff";
        if (sequence is not ("oneoff" or "first" or "recurring"))
        {
            return Error(422, "Unprocessable Entity", "The sequence type is invalid.", "sequenceType");
        }

        if (sequence != "oneoff" && (body["customerId"]?.GetValue<string>() is not { } customerId || !_customers.ContainsKey(customerId)))
        {
            return Error(422, "Unprocessable Entity", "A first or recurring payment needs an existing customer.", "customerId");
        }

        // A recurring payment runs in the background: no payer, so no redirect (docs.mollie.com/docs/recurring-payments).
        if (sequence != "recurring" && !IsUrl(body["redirectUrl"]))
        {
            return Error(422, "Unprocessable Entity", "The redirect URL is invalid.", "redirectUrl");
        }

        JsonObject? chargedMandate = null;
        if (sequence == "recurring"
            && (body["mandateId"]?.GetValue<string>() is not { } mandateId || !_mandates.TryGetValue(mandateId, out chargedMandate)
                || chargedMandate["customerId"]!.GetValue<string>() != body["customerId"]!.GetValue<string>() || chargedMandate["status"]!.GetValue<string>() != "valid"))
        {
            return Error(422, "Unprocessable Entity", "The mandate is not valid for this customer.", "mandateId");
        }

        if (body["webhookUrl"] is not null && !IsUrl(body["webhookUrl"]))
        {
            return Error(422, "Unprocessable Entity", "The webhook URL is invalid.", "webhookUrl");
        }

        if (body["captureMode"] is { } mode && mode.GetValue<string>() is not ("manual" or "automatic"))
        {
            return Error(422, "Unprocessable Entity", "The capture mode is invalid.", "captureMode");
        }

        var known = new HashSet<string> { "amount", "description", "redirectUrl", "webhookUrl", "method", "captureMode", "metadata", "customerId", "sequenceType", "mandateId" };
        if (body.Select(p => p.Key).FirstOrDefault(k => !known.Contains(k)) is { } unknown)
        {
            return Error(422, "Unprocessable Entity", $"The field {unknown} is not known.", unknown);
        }

        var id = $"tr_Fake{++_next:D4}";
        var payment = new JsonObject
        {
            ["resource"] = "payment",
            ["id"] = id,
            ["mode"] = "test",
            ["status"] = "open",
            ["amount"] = body["amount"]!.DeepClone(),
            ["description"] = body["description"]!.DeepClone(),
            ["method"] = body["method"]?.DeepClone(),
            ["captureMode"] = body["captureMode"]?.DeepClone() ?? "automatic",
            ["redirectUrl"] = body["redirectUrl"]?.DeepClone(),
            ["customerId"] = body["customerId"]?.DeepClone(),
            ["sequenceType"] = sequence,
            ["mandateId"] = body["mandateId"]?.DeepClone(),
            ["webhookUrl"] = body["webhookUrl"]?.DeepClone(),
            ["metadata"] = body["metadata"]?.DeepClone(),
            ["_links"] = new JsonObject
            {
                ["self"] = new JsonObject { ["href"] = $"https://api.mollie.com/v2/payments/{id}", ["type"] = "application/hal+json" },
                ["checkout"] = new JsonObject { ["href"] = $"https://www.mollie.com/checkout/select-method/{id}", ["type"] = "text/html" },
            },
        };
        if (chargedMandate is not null)
        {
            // Charged at once on a card mandate; a SEPA debit stays pending until the bank collects it.
            ((JsonObject)payment["_links"]!).Remove("checkout");
            payment["method"] = chargedMandate["method"]!.DeepClone();
            payment["status"] = chargedMandate["declinesLater"]!.GetValue<bool>() ? "failed"
                : chargedMandate["method"]!.GetValue<string>() == "directdebit" ? "pending" : "paid";
        }

        _payments[id] = payment;
        return Ok(201, payment);
    }

    private FakeResponse Cancel(JsonObject payment)
    {
        if (payment["status"]!.GetValue<string>() is not ("open" or "authorized"))
        {
            return Error(422, "Unprocessable Entity", "The payment cannot be canceled.");
        }

        payment["status"] = "canceled";
        ((JsonObject)payment["_links"]!).Remove("checkout");
        return Ok(200, payment);
    }

    private FakeResponse Capture(RecordedRequest request, JsonObject payment)
    {
        if (payment["status"]!.GetValue<string>() != "authorized")
        {
            return Error(422, "Unprocessable Entity", "The payment is not authorized.");
        }

        if (Body(request) is not JsonObject body || (body["amount"] is not null && AmountError(body["amount"]) is not null))
        {
            return Error(422, "Unprocessable Entity", "The amount is invalid.", "amount");
        }

        if (body["amount"] is { } amount && Minor(amount) > Minor(payment["amount"]!))
        {
            return Error(422, "Unprocessable Entity", "The amount is higher than the authorized amount.", "amount");
        }

        payment["status"] = "paid";
        return Ok(201, new JsonObject
        {
            ["resource"] = "capture",
            ["id"] = $"cpt_Fake{++_next:D4}",
            ["mode"] = "test",
            ["amount"] = body["amount"]?.DeepClone() ?? payment["amount"]!.DeepClone(),
            ["paymentId"] = payment["id"]!.DeepClone(),
        });
    }

    private FakeResponse Refund(RecordedRequest request, JsonObject payment)
    {
        if (payment["status"]!.GetValue<string>() != "paid")
        {
            return Error(422, "Unprocessable Entity", "The payment is not paid.");
        }

        if (Body(request) is not JsonObject body || AmountError(body["amount"]) is not null)
        {
            return Error(422, "Unprocessable Entity", "The amount is invalid.", "amount");
        }

        if (Minor(body["amount"]!) > Minor(payment["amount"]!))
        {
            return Error(422, "Unprocessable Entity", "The amount is higher than the payment.", "amount");
        }

        return Ok(201, new JsonObject
        {
            ["resource"] = "refund",
            ["id"] = $"re_Fake{++_next:D4}",
            ["mode"] = "test",
            ["status"] = NextRefundStatus,
            ["amount"] = body["amount"]!.DeepClone(),
            ["paymentId"] = payment["id"]!.DeepClone(),
            ["metadata"] = body["metadata"]?.DeepClone(),
        });
    }

    /// <summary>The amount object of the facts: <c>currency</c> known, <c>value</c> a string with exactly its decimals.</summary>
    private static FakeResponse? AmountError(JsonNode? amount)
    {
        if (amount is not JsonObject money || money.Count != 2 || money["currency"] is not JsonValue currency || currency.GetValueKind() != JsonValueKind.String
            || !Decimals.TryGetValue(currency.GetValue<string>(), out var decimals))
        {
            return Error(422, "Unprocessable Entity", "The amount currency is invalid.", "amount.currency");
        }

        var pattern = decimals == 0 ? @"^\d+$" : $@"^\d+\.\d{{{decimals}}}$";
        return money["value"] is JsonValue value && value.GetValueKind() == JsonValueKind.String && Regex.IsMatch(value.GetValue<string>(), pattern)
            ? null
            : Error(422, "Unprocessable Entity", "The amount value is invalid.", "amount.value");
    }

    private static long Minor(JsonNode amount) =>
        long.Parse(amount["value"]!.GetValue<string>().Replace(".", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);

    private static bool IsUrl(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String
        && Uri.TryCreate(value.GetValue<string>(), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http";

    private static JsonNode? Body(RecordedRequest request)
    {
        if (request.Body.Length == 0)
        {
            return new JsonObject();
        }

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

    private static FakeResponse Ok(int status, JsonObject body) =>
        new(status, body.ToJsonString(), new Dictionary<string, string> { ["Content-Type"] = "application/hal+json" });

    public static FakeResponse Error(int status, string title, string detail, string? field = null)
    {
        var body = new JsonObject { ["status"] = status, ["title"] = title, ["detail"] = detail };
        if (field is not null)
        {
            body["field"] = field;
        }

        return new(status, body.ToJsonString(), new Dictionary<string, string> { ["Content-Type"] = "application/hal+json" });
    }
}
