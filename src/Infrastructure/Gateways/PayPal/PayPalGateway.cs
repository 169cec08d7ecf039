using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Domain.Payments;
using Microsoft.Extensions.Options;
using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Infrastructure.Gateways.PayPal;

/// <summary>
/// PayPal Checkout (Orders v2, Payments v2) over its REST API: a cached OAuth2 token, JSON bodies, a
/// <c>PayPal-Request-Id</c> on every write. The payer approves at PayPal (a redirect), then we capture.
/// Webhooks are checked by PayPal itself (verify-webhook-signature) before anything is read.
/// </summary>
internal sealed class PayPalGateway(IHttpClientFactory clients, IOptions<PayPalOptions> options, TimeProvider time) : IPaymentGateway, ISavedMethodGateway, IDisposable
{
    public const string GatewayName = "paypal";

    private readonly AccessTokenCache _tokens = new(
        time, () => options.Value.TokenRenewalMargin, ct => PayPalTokens.FetchAsync(clients, options.Value, ct));

    /// <summary>The currencies PayPal's REST API takes.</summary>
    private static readonly IReadOnlySet<string> Currencies = new HashSet<string>(StringComparer.Ordinal)
    {
        "AUD", "BRL", "CAD", "CNY", "CZK", "DKK", "EUR", "HKD", "ILS", "MYR", "MXN", "NZD", "NOK", "PHP", "PLN", "GBP", "SGD", "SEK", "CHF", "THB", "USD", "JPY",
    };

    public string Name => GatewayName;

    /// <summary>A redirect checkout: no token; the payer approves at PayPal, so it is not instant.</summary>
    public GatewayCapabilities Capabilities { get; } = new(Currencies, RequiresPaymentMethod: false, Instant: false);

    public bool AcceptsPaymentMethod(string? paymentMethod) => paymentMethod is null;

    public static string? ErrorCode(JsonNode? body) => body?["details"]?[0].Text("issue") ?? body.Text("name") ?? body.Text("error");

    public JsonObject CreateBody(GatewayPaymentRequest request)
    {
        var experience = new JsonObject { ["user_action"] = "PAY_NOW", ["shipping_preference"] = "NO_SHIPPING" };
        if ((request.ReturnUrl ?? options.Value.ReturnUrl) is { } returnUrl)
        {
            experience["return_url"] = returnUrl;
        }

        if ((options.Value.CancelUrl ?? request.ReturnUrl ?? options.Value.ReturnUrl) is { } cancelUrl)
        {
            experience["cancel_url"] = cancelUrl;
        }

        return new JsonObject
        {
            ["intent"] = request.Capture ? "CAPTURE" : "AUTHORIZE",
            ["purchase_units"] = new JsonArray(new JsonObject
            {
                ["reference_id"] = request.PaymentId,
                ["custom_id"] = request.PaymentId,
                ["description"] = request.Description.Length > 127 ? request.Description[..127] : request.Description,
                ["amount"] = Amount(request.Amount),
            }),
            ["payment_source"] = new JsonObject { ["paypal"] = new JsonObject { ["experience_context"] = experience } },
        };
    }

    /// <summary>PayPal's vault keeps its own customer for a payment token: none to create first.</summary>
    public bool NeedsProviderCustomer => false;

    public IReadOnlySet<Domain.PaymentMethods.SavedMethodKind> Kinds { get; } = new HashSet<Domain.PaymentMethods.SavedMethodKind> { Domain.PaymentMethods.SavedMethodKind.Paypal };

    public Task<string> CreateCustomerAsync(GatewayCustomerRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("PayPal's vault creates its customer with the payment token.");

    /// <summary>A vault setup token for a PayPal wallet (Vault v3): the payer approves at PayPal, merchant-initiated charges later.</summary>
    public JsonObject SetupBody(GatewaySetupRequest request)
    {
        var experience = new JsonObject();
        if ((request.ReturnUrl ?? options.Value.ReturnUrl) is { } returnUrl)
        {
            experience["return_url"] = returnUrl;
        }

        if ((options.Value.CancelUrl ?? request.ReturnUrl ?? options.Value.ReturnUrl) is { } cancelUrl)
        {
            experience["cancel_url"] = cancelUrl;
        }

        return new JsonObject
        {
            ["payment_source"] = new JsonObject
            {
                ["paypal"] = new JsonObject { ["usage_type"] = "MERCHANT", ["experience_context"] = experience },
            },
        };
    }

    public async Task<GatewaySetupOutcome> SetupAsync(GatewaySetupRequest request, CancellationToken cancellationToken)
    {
        var token = await SendJsonAsync(HttpMethod.Post, "v3/vault/setup-tokens", SetupBody(request), request.IdempotencyKey, cancellationToken);
        return await SetupOutcomeAsync(token, request.SavedMethodId, cancellationToken);
    }

    public async Task<GatewaySetupOutcome> SyncSetupAsync(GatewaySetupLookup setup, CancellationToken cancellationToken)
    {
        if (setup.SetupReference is null)
        {
            return new GatewaySetupOutcome(Domain.PaymentMethods.SavedMethodStatus.Pending, null, null);
        }

        var token = await SendJsonAsync(HttpMethod.Get, $"v3/vault/setup-tokens/{Uri.EscapeDataString(setup.SetupReference)}", null, null, cancellationToken);
        return await SetupOutcomeAsync(token, setup.SavedMethodId, cancellationToken);
    }

    /// <summary>An approved setup token becomes a payment token (the saved method); before that the payer is sent to approve it.</summary>
    private async Task<GatewaySetupOutcome> SetupOutcomeAsync(JsonNode setupToken, string savedMethodId, CancellationToken ct)
    {
        var id = setupToken.Required(GatewayName, "id");
        switch (setupToken.Text("status"))
        {
            case "APPROVED":
            {
                var body = new JsonObject { ["payment_source"] = new JsonObject { ["token"] = new JsonObject { ["id"] = id, ["type"] = "SETUP_TOKEN" } } };
                var paymentToken = await SendJsonAsync(HttpMethod.Post, "v3/vault/payment-tokens", body, $"{savedMethodId}_token", ct);
                var email = paymentToken["payment_source"]?["paypal"].Text("email_address");
                return new GatewaySetupOutcome(
                    Domain.PaymentMethods.SavedMethodStatus.Active, paymentToken.Required(GatewayName, "id"), id, new Domain.PaymentMethods.MethodDisplay("paypal", Email: email));
            }

            case "PAYER_ACTION_REQUIRED" or "CREATED":
                var approve = setupToken["links"] is JsonArray links ? links.FirstOrDefault(l => l.Text("rel") == "approve").Text("href") : null;
                return new GatewaySetupOutcome(Domain.PaymentMethods.SavedMethodStatus.RequiresAction, null, id, null, "redirect", approve);
            case var other:
                throw new GatewayException(GatewayName, GatewayErrorKind.UnexpectedResponse, other, $"PayPal answered an unknown setup token status '{other}'.");
        }
    }

    /// <summary>A merchant-initiated order on the vaulted wallet: no approval, PayPal completes it at once (or declines it).</summary>
    public JsonObject VaultedOrderBody(GatewaySavedChargeRequest request) => new()
    {
        ["intent"] = "CAPTURE",
        ["purchase_units"] = new JsonArray(new JsonObject
        {
            ["reference_id"] = request.PaymentId,
            ["custom_id"] = request.PaymentId,
            ["description"] = request.Description.Length > 127 ? request.Description[..127] : request.Description,
            ["amount"] = Amount(request.Amount),
        }),
        ["payment_source"] = new JsonObject { ["paypal"] = new JsonObject { ["vault_id"] = request.Method.ProviderMethodId } },
    };

    public async Task<GatewayOutcome> ChargeSavedAsync(GatewaySavedChargeRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return PayPalStatuses.Order(await SendJsonAsync(HttpMethod.Post, "v2/checkout/orders", VaultedOrderBody(request), request.IdempotencyKey, cancellationToken));
        }
        catch (GatewayException ex) when (ex.Kind == GatewayErrorKind.InvalidRequest && ex.ProviderCode is "INSTRUMENT_DECLINED" or "TRANSACTION_REFUSED" or "PAYER_ACTION_REQUIRED")
        {
            return new GatewayOutcome(PaymentStatus.Failed, null, FailureCode: GatewayFailureCodes.Declined, FailureMessage: "PayPal declined the vaulted payment source.");
        }
    }

    public async Task RevokeAsync(GatewaySavedMethod method, CancellationToken cancellationToken) =>
        await SendJsonAsync(HttpMethod.Delete, $"v3/vault/payment-tokens/{Uri.EscapeDataString(method.ProviderMethodId)}", null, null, cancellationToken);

    public async Task<GatewayOutcome> CreatePaymentAsync(GatewayPaymentRequest request, CancellationToken cancellationToken)
    {
        var order = await SendJsonAsync(HttpMethod.Post, "v2/checkout/orders", CreateBody(request), request.IdempotencyKey, cancellationToken);
        return PayPalStatuses.Order(order);
    }

    /// <summary>The payer is back from PayPal: an approved order comes back authorised, and the caller captures it.</summary>
    public Task<GatewayOutcome> ConfirmPaymentAsync(GatewayPaymentLookup payment, CancellationToken cancellationToken) => SyncAsync(payment, cancellationToken);

    public async Task<GatewayOutcome> CaptureAsync(GatewayPaymentLookup payment, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (payment.ProviderReference is not { } orderId)
        {
            return GatewayOutcome.NoAnswer;
        }

        var order = await GetOrderAsync(orderId, cancellationToken);
        if (order.Text("status") != "APPROVED" && !(order.Text("status") == "COMPLETED" && PayPalStatuses.FirstAuthorization(order) is not null && PayPalStatuses.FirstCapture(order) is null))
        {
            return PayPalStatuses.Order(order); // not approved yet, or already captured: nothing to take
        }

        try
        {
            if (order.Text("intent") == "AUTHORIZE")
            {
                if (PayPalStatuses.FirstAuthorization(order) is null)
                {
                    order = await SendJsonAsync(HttpMethod.Post, $"v2/checkout/orders/{Uri.EscapeDataString(orderId)}/authorize", null, $"{idempotencyKey}_authorize", cancellationToken);
                }

                var authorization = PayPalStatuses.FirstAuthorization(order).Required(GatewayName, "id");
                var capture = await SendJsonAsync(
                    HttpMethod.Post, $"v2/payments/authorizations/{Uri.EscapeDataString(authorization)}/capture",
                    new JsonObject { ["amount"] = Amount(payment.Amount), ["final_capture"] = true }, idempotencyKey, cancellationToken);
                return PayPalStatuses.Capture(orderId, capture.Required(GatewayName, "status"));
            }

            order = await SendJsonAsync(HttpMethod.Post, $"v2/checkout/orders/{Uri.EscapeDataString(orderId)}/capture", null, idempotencyKey, cancellationToken);
            return PayPalStatuses.Order(order);
        }
        catch (GatewayException ex) when (ex.Kind == GatewayErrorKind.InvalidRequest && ex.ProviderCode is "INSTRUMENT_DECLINED" or "PAYER_ACTION_REQUIRED" or "TRANSACTION_REFUSED")
        {
            // The funding source refused: no money moved, and this order will not pay.
            return new GatewayOutcome(PaymentStatus.Failed, orderId, FailureCode: GatewayFailureCodes.Declined, FailureMessage: "PayPal declined the payment source.");
        }
    }

    public async Task<GatewayOutcome> SyncAsync(GatewayPaymentLookup payment, CancellationToken cancellationToken) =>
        // PayPal has no search by our id: an order whose creation timed out was never shown to the payer, so it cannot be paid.
        payment.ProviderReference is { } orderId ? PayPalStatuses.Order(await GetOrderAsync(orderId, cancellationToken)) : GatewayOutcome.NoAnswer;

    /// <summary>
    /// An order nobody approved simply lapses at PayPal: we record it canceled and never capture it, so
    /// a late approval takes no money. An order the payer did approve is not canceled: its status is
    /// the answer, and the caller captures it.
    /// </summary>
    public async Task<GatewayOutcome> CancelAsync(GatewayPaymentLookup payment, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (payment.ProviderReference is not { } orderId)
        {
            return GatewayOutcome.NoAnswer;
        }

        var order = await GetOrderAsync(orderId, cancellationToken);
        var current = PayPalStatuses.Order(order);
        if (current.Status != PaymentStatus.RequiresAction)
        {
            return current;
        }

        return new GatewayOutcome(PaymentStatus.Canceled, orderId, FailureCode: GatewayFailureCodes.Expired, FailureMessage: "The PayPal order was not completed.");
    }

    public async Task<GatewayRefundOutcome> RefundAsync(GatewayRefundRequest request, CancellationToken cancellationToken)
    {
        var order = await GetOrderAsync(request.ProviderReference, cancellationToken);
        var capture = PayPalStatuses.FirstCapture(order).Required(GatewayName, "id");
        var refund = await SendJsonAsync(
            HttpMethod.Post, $"v2/payments/captures/{Uri.EscapeDataString(capture)}/refund",
            new JsonObject { ["amount"] = Amount(request.Amount), ["custom_id"] = request.RefundId }, request.IdempotencyKey, cancellationToken);
        return new GatewayRefundOutcome(PayPalStatuses.Refund(refund.Required(GatewayName, "status")), refund.Required(GatewayName, "id"));
    }

    public WebhookClaim ReadWebhookClaim(WebhookRequest request) => PayPalWebhooks.Claim(request, options.Value);

    public async Task<WebhookVerification> VerifyWebhookAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        using var lookup = GatewayHttp.WebhookLookup();
        return await PayPalWebhooks.VerifyAsync(
            request, options.Value, (body, ct) => SendJsonAsync(HttpMethod.Post, "v1/notifications/verify-webhook-signature", body, null, ct), cancellationToken);
    }

    public void Dispose() => _tokens.Dispose();

    public static JsonObject Amount(Money amount) =>
        new() { ["currency_code"] = amount.Currency.Code, ["value"] = amount.ToMajorUnitString() };

    private Task<JsonNode> GetOrderAsync(string orderId, CancellationToken ct) =>
        SendJsonAsync(HttpMethod.Get, $"v2/checkout/orders/{Uri.EscapeDataString(orderId)}", null, null, ct);

    private async Task<JsonNode> SendJsonAsync(HttpMethod method, string path, JsonNode? body, string? requestId, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, path);
            if (method != HttpMethod.Get)
            {
                // PayPal wants JSON even when a write has nothing to say.
                request.Content = new StringContent(body?.ToJsonString() ?? string.Empty, Encoding.UTF8, "application/json");
            }

            if (requestId is not null)
            {
                request.Headers.Add("PayPal-Request-Id", requestId);
                request.Headers.Add("Prefer", "return=representation");
                request.Repeatably();
            }

            var token = await _tokens.GetAsync(ct);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            try
            {
                var response = await GatewayHttp.SendAsync(clients.CreateClient(GatewayName), GatewayName, request, ct, ErrorCode);
                if (response.StatusCode == HttpStatusCode.NoContent)
                {
                    response.Dispose();
                    return new JsonObject();
                }

                return await GatewayHttp.ReadJsonAsync(response, GatewayName, ct);
            }
            catch (GatewayException ex) when (ex.Kind == GatewayErrorKind.Authentication && attempt == 1)
            {
                // The cached token may have been revoked early: fetch a new one once.
                _tokens.Invalidate(token);
            }
        }
    }
}

/// <summary>PayPal webhooks: the five transmission headers and the event go to verify-webhook-signature; only SUCCESS is trusted.</summary>
internal static class PayPalWebhooks
{
    private static readonly string[] Headers = ["PAYPAL-AUTH-ALGO", "PAYPAL-CERT-URL", "PAYPAL-TRANSMISSION-ID", "PAYPAL-TRANSMISSION-SIG", "PAYPAL-TRANSMISSION-TIME"];

    /// <summary>
    /// Everything checked before asking PayPal, so anonymous junk does not spend our API quota: the
    /// configuration, the five headers, a certificate at paypal.com, a JSON event. The reason when one fails.
    /// </summary>
    private static string? Precheck(WebhookRequest request, PayPalOptions options, out string?[] values, out JsonObject? webhookEvent)
    {
        values = Headers.Select(request.Header).ToArray();
        webhookEvent = null;
        if (string.IsNullOrEmpty(options.WebhookId))
        {
            return "no PayPal webhook id is configured.";
        }

        if (values.Any(string.IsNullOrEmpty))
        {
            return "a PayPal transmission header is missing.";
        }

        if (!Uri.TryCreate(values[1], UriKind.Absolute, out var certUrl) || certUrl.Scheme != Uri.UriSchemeHttps
            || !(certUrl.Host == "paypal.com" || certUrl.Host.EndsWith(".paypal.com", StringComparison.OrdinalIgnoreCase)))
        {
            return "PAYPAL-CERT-URL is not an HTTPS URL at paypal.com.";
        }

        try
        {
            webhookEvent = JsonNode.Parse(request.Body) as JsonObject;
        }
        catch (JsonException)
        {
            return "the body is not JSON.";
        }

        return webhookEvent is null ? "the body is not a PayPal event." : null;
    }

    /// <summary>The order, capture or refund the event's resource names, and our ids it echoes (custom_id).</summary>
    public static WebhookClaim Claim(WebhookRequest request, PayPalOptions options)
    {
        if (Precheck(request, options, out _, out var webhookEvent) is { } reason)
        {
            return WebhookClaim.Malformed(reason);
        }

        var resource = webhookEvent!["resource"];
        var unit = resource.Member("purchase_units") is JsonArray { Count: > 0 } units ? units[0] : null;
        // A dispute names the disputed transaction, with the custom_id we gave its purchase unit (our payment id).
        var disputed = resource.Member("disputed_transactions") is JsonArray { Count: > 0 } transactions ? transactions[0] : null;
        return WebhookClaim.Naming(
            resource.Text("id"), resource.Member("supplementary_data").Member("related_ids").Text("order_id"), resource.Text("custom_id"), unit.Text("custom_id"),
            disputed.Text("custom"));
    }

    public static async Task<WebhookVerification> VerifyAsync(
        WebhookRequest request, PayPalOptions options, Func<JsonNode, CancellationToken, Task<JsonNode>> verify, CancellationToken ct)
    {
        if (Precheck(request, options, out var values, out var webhookEvent) is { } reason)
        {
            return WebhookVerification.Rejected(reason);
        }

        var body = new JsonObject
        {
            ["auth_algo"] = values[0],
            ["cert_url"] = values[1],
            ["transmission_id"] = values[2],
            ["transmission_sig"] = values[3],
            ["transmission_time"] = values[4],
            ["webhook_id"] = options.WebhookId,
            ["webhook_event"] = webhookEvent,
        };
        JsonNode answer;
        try
        {
            answer = await verify(body, ct);
        }
        catch (GatewayException ex) when (ex.Kind is GatewayErrorKind.InvalidRequest or GatewayErrorKind.NotFound)
        {
            return WebhookVerification.Rejected($"PayPal refused to check the signature ({ex.ProviderCode}).");
        }

        if (answer.Text("verification_status") != "SUCCESS")
        {
            return WebhookVerification.Rejected("PayPal did not confirm the signature.");
        }

        return Parse(webhookEvent!);
    }

    /// <summary>A verified event in the neutral vocabulary. Captures are reported against their order, which is our reference.</summary>
    public static WebhookVerification Parse(JsonNode webhookEvent)
    {
        if (webhookEvent.Text("id") is not { } eventId || webhookEvent.Text("event_type") is not { } type || webhookEvent["resource"] is not JsonObject resource)
        {
            return WebhookVerification.Rejected("the body is not a PayPal event.");
        }

        try
        {
            switch (type)
            {
                case "CHECKOUT.ORDER.APPROVED" or "CHECKOUT.ORDER.COMPLETED" or "CHECKOUT.ORDER.VOIDED" or "CHECKOUT.PAYMENT-APPROVAL.REVERSED":
                {
                    var outcome = PayPalStatuses.Order(resource);
                    return WebhookVerification.Accepted(new GatewayEvent(
                        eventId, type, GatewayEventSubject.Payment, outcome.ProviderReference!, outcome.Status, outcome.FailureCode, outcome.FailureMessage,
                        resource["purchase_units"]?[0].Text("custom_id")));
                }

                case "PAYMENT.CAPTURE.COMPLETED" or "PAYMENT.CAPTURE.PENDING" or "PAYMENT.CAPTURE.DENIED" or "PAYMENT.CAPTURE.DECLINED":
                {
                    var orderId = resource["supplementary_data"]?["related_ids"].Text("order_id");
                    if (orderId is null)
                    {
                        return WebhookVerification.Accepted();
                    }

                    var outcome = PayPalStatuses.Capture(orderId, resource.Required(PayPalGateway.GatewayName, "status"));
                    return WebhookVerification.Accepted(new GatewayEvent(
                        eventId, type, GatewayEventSubject.Payment, orderId, outcome.Status, outcome.FailureCode, outcome.FailureMessage, resource.Text("custom_id")));
                }

                case "CUSTOMER.DISPUTE.CREATED" or "CUSTOMER.DISPUTE.UPDATED" or "CUSTOMER.DISPUTE.RESOLVED"
                    when resource.Text("dispute_id") is { } disputeId
                        && resource["disputed_transactions"] is JsonArray { Count: > 0 } transactions && transactions[0].Text("custom") is { } ours:
                {
                    // The dispute names our payment through the custom_id we set (ADR 0040); its outcome says who won.
                    var minor = PayPalStatuses.MinorUnits(resource["dispute_amount"]);
                    return WebhookVerification.Accepted(new GatewayEvent(eventId, type, GatewayEventSubject.Dispute, transactions[0].Text("seller_transaction_id") ?? ours, PaymentStatus.Succeeded, PaymentReference: ours)
                    {
                        Dispute = new GatewayDispute(disputeId, PayPalStatuses.Dispute(resource.Text("status"), resource["dispute_outcome"].Text("outcome_code")), minor, resource.Text("reason")),
                    });
                }

                case "PAYMENT.CAPTURE.REFUNDED" when resource.Text("id") is { } refundId && resource.Text("status") is { } status:
                    return WebhookVerification.Accepted(new GatewayEvent(
                        eventId, type, GatewayEventSubject.Refund, refundId, PayPalStatuses.Refund(status), PaymentReference: resource.Text("custom_id")));
                default:
                    return WebhookVerification.Accepted();
            }
        }
        catch (GatewayException ex)
        {
            return WebhookVerification.Rejected(ex.Message);
        }
    }
}
