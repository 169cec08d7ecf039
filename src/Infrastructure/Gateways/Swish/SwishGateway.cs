using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Domain.Payments;
using Microsoft.Extensions.Options;
using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Infrastructure.Gateways.Swish;

/// <summary>
/// Swish's Commerce API over mutual TLS (<see cref="SwishTls"/>; docs/reference/providers.md#swish). A create or
/// refund is a PUT on an id derived from ours, so it may be repeated; unsigned callbacks are always re-fetched.
/// </summary>
internal sealed partial class SwishGateway(IHttpClientFactory clients, IOptions<SwishOptions> options) : IPaymentGateway
{
    public const string GatewayName = "swish";
    public const string Sek = "SEK";
    public const string AppAction = "swish_app";

    private const string JsonType = "application/json";

    public string Name => GatewayName;

    public GatewayCapabilities Capabilities { get; } = new(new HashSet<string>(StringComparer.Ordinal) { Sek }, RequiresPaymentMethod: false, Instant: true);

    [GeneratedRegex(@"^(?:\+46|0046|46|0)(7\d{8})$")]
    private static partial Regex SwedishMobile();

    [GeneratedRegex(@"[\s\-()]")]
    private static partial Regex PhoneSeparators();

    [GeneratedRegex("^[0-9A-Fa-f]{32}$")]
    private static partial Regex InstructionIdShape();

    [GeneratedRegex("[^a-zA-ZåäöÅÄÖ0-9:;.,?!()\" ]")]
    private static partial Regex MessageOutcast();

    [GeneratedRegex(" {2,}")]
    private static partial Regex Spaces();

    /// <summary>No token (the payer opens the app) or a Swedish mobile number to push the request to.</summary>
    public bool AcceptsPaymentMethod(string? paymentMethod) => string.IsNullOrEmpty(paymentMethod) || PayerAlias(paymentMethod) is not null;

    /// <summary>A Swedish mobile number as Swish wants it: country code and number, digits only (<c>46712345678</c>).</summary>
    public static string? PayerAlias(string? paymentMethod) =>
        paymentMethod is null || SwedishMobile().Match(PhoneSeparators().Replace(paymentMethod, string.Empty)) is not { Success: true } match
            ? null
            : "46" + match.Groups[1].Value;

    /// <summary>
    /// A name-based UUID (version 8, RFC 9562) from SHA-256 of our id, as 32 upper-case hex digits: a retried PUT
    /// never makes a second request, and a lost creation is found from our id alone. Never change the derivation.
    /// </summary>
    public static string InstructionId(string kind, string ourId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"cleanprepay/swish/{kind}/{ourId}"));
        var uuid = hash.AsSpan(0, 16).ToArray();
        uuid[6] = (byte)((uuid[6] & 0x0F) | 0x80);
        uuid[8] = (byte)((uuid[8] & 0x3F) | 0x80);
        return Convert.ToHexString(uuid);
    }

    public static string PaymentInstructionId(string paymentId) => InstructionId("payment", paymentId);

    public static string RefundInstructionId(string idempotencyKey) => InstructionId("refund", idempotencyKey);

    /// <summary>Swish amounts: SEK as a string with exactly two decimals ("100.00"), positive.</summary>
    public static string Amount(Money amount)
    {
        if (amount.Currency.Code != Sek)
        {
            throw new GatewayException(GatewayName, GatewayErrorKind.InvalidRequest, "currency_not_supported", $"Swish takes SEK only, not {amount.Currency.Code}.");
        }

        if (!amount.IsPositive)
        {
            throw new GatewayException(GatewayName, GatewayErrorKind.InvalidRequest, "amount_invalid", "A Swish amount must be positive.");
        }

        return amount.ToMajorUnitString(); // SEK's two decimals, from öre in integers
    }

    /// <summary>The payment request body (also what the contract tests check).</summary>
    public JsonObject CreateBody(GatewayPaymentRequest request)
    {
        var current = options.Value;
        var body = new JsonObject
        {
            ["payeePaymentReference"] = Reference(request.PaymentId),
            ["callbackUrl"] = CallbackUrl(request.NotificationUrl),
        };
        if (!string.IsNullOrEmpty(request.PaymentMethod))
        {
            body["payerAlias"] = PayerAlias(request.PaymentMethod)
                ?? throw new GatewayException(GatewayName, GatewayErrorKind.InvalidRequest, "invalid_payer_alias", "The Swish payer is not a Swedish mobile number.");
        }

        body["payeeAlias"] = current.PayeeAlias;
        body["amount"] = Amount(request.Amount);
        body["currency"] = Sek;
        if (Message(request.Description) is { } message)
        {
            body["message"] = message;
        }

        return body;
    }

    public async Task<GatewayOutcome> CreatePaymentAsync(GatewayPaymentRequest request, CancellationToken cancellationToken)
    {
        var id = PaymentInstructionId(request.PaymentId);
        var body = CreateBody(request);
        using var response = await SendAsync(Put($"api/v2/paymentrequests/{id}", body), cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created || response.Headers.Location is not { } location
            || !location.OriginalString.TrimEnd('/').EndsWith(id, StringComparison.OrdinalIgnoreCase))
        {
            throw new GatewayException(GatewayName, GatewayErrorKind.UnexpectedResponse, null, $"Swish answered {(int)response.StatusCode} without the Location of payment request {id}.");
        }

        if (body.ContainsKey("payerAlias"))
        {
            // Swish pushes the request to the payer's app; there is nothing for our client to open.
            return new GatewayOutcome(PaymentStatus.RequiresAction, id, NextActionType: AppAction);
        }

        var token = response.Headers.TryGetValues("PaymentRequestToken", out var values) ? values.FirstOrDefault() : null;
        if (string.IsNullOrEmpty(token))
        {
            throw new GatewayException(GatewayName, GatewayErrorKind.UnexpectedResponse, null, $"Swish answered without a PaymentRequestToken for payment request {id}.");
        }

        return new GatewayOutcome(PaymentStatus.RequiresAction, id, NextActionType: AppAction, NextActionUrl: AppUrl(token, request.ReturnUrl));
    }

    /// <summary>Opens the Swish app on this device; it returns to <paramref name="returnUrl"/> when done.</summary>
    public static string AppUrl(string token, string? returnUrl) =>
        $"swish://paymentrequest?token={Uri.EscapeDataString(token)}" + (returnUrl is { Length: > 0 } ? $"&callbackurl={Uri.EscapeDataString(returnUrl)}" : string.Empty);

    /// <summary>Swish has no authorisation step: a paid request is already captured.</summary>
    public Task<GatewayOutcome> CaptureAsync(GatewayPaymentLookup payment, string idempotencyKey, CancellationToken cancellationToken) =>
        SyncAsync(payment, cancellationToken);

    public async Task<GatewayOutcome> SyncAsync(GatewayPaymentLookup payment, CancellationToken cancellationToken)
    {
        try
        {
            return SwishStatuses.Payment(await GetPaymentAsync(payment.ProviderReference ?? PaymentInstructionId(payment.PaymentId), cancellationToken));
        }
        catch (GatewayException ex) when (ex.Kind == GatewayErrorKind.NotFound && payment.ProviderReference is null)
        {
            // Our PUT may not have arrived, or may still be on its way (with a payer alias Swish would
            // push it to the payer): nothing is known yet.
            return GatewayOutcome.NoAnswer;
        }
    }

    public async Task<GatewayOutcome> CancelAsync(GatewayPaymentLookup payment, string idempotencyKey, CancellationToken cancellationToken)
    {
        var id = payment.ProviderReference ?? PaymentInstructionId(payment.PaymentId);
        var patch = new HttpRequestMessage(HttpMethod.Patch, PaymentPath(id))
        {
            Content = Content("""[{"op":"replace","path":"/status","value":"cancelled"}]""", "application/json-patch+json"),
        };
        try
        {
            using var response = await SendAsync(patch.Repeatably(), cancellationToken);
            return await GatewayHttp.TryReadJsonAsync(response, cancellationToken) is JsonObject cancelled
                ? SwishStatuses.Payment(cancelled)
                : await SyncAsync(payment with { ProviderReference = id }, cancellationToken);
        }
        catch (GatewayException ex) when (ex.Kind == GatewayErrorKind.InvalidRequest)
        {
            // RP07: no longer CREATED (paid, declined, already cancelled): what it is now is the answer.
            return await SyncAsync(payment with { ProviderReference = id }, cancellationToken);
        }
        catch (GatewayException ex) when (ex.Kind == GatewayErrorKind.NotFound && payment.ProviderReference is null)
        {
            return GatewayOutcome.NoAnswer;
        }
    }

    /// <summary>The refund body; <paramref name="paymentReference"/> is the paid request's <c>paymentReference</c>.</summary>
    public JsonObject RefundBody(GatewayRefundRequest request, string paymentReference) => new()
    {
        ["originalPaymentReference"] = paymentReference,
        ["callbackUrl"] = CallbackUrl(null),
        ["payerAlias"] = options.Value.PayeeAlias,
        ["amount"] = Amount(request.Amount),
        ["currency"] = Sek,
    };

    public async Task<GatewayRefundOutcome> RefundAsync(GatewayRefundRequest request, CancellationToken cancellationToken)
    {
        _ = Amount(request.Amount); // a non-SEK refund is refused before any call
        var payment = await GetPaymentAsync(request.ProviderReference, cancellationToken);
        if (payment.Text("status") != "PAID" || payment.Text("paymentReference") is not { Length: > 0 } paymentReference)
        {
            throw new GatewayException(
                GatewayName, GatewayErrorKind.InvalidRequest, "payment_not_paid", $"Swish payment request {request.ProviderReference} is not paid, so it cannot be refunded.");
        }

        var id = RefundInstructionId(request.IdempotencyKey);
        var body = RefundBody(request, paymentReference);
        using var response = await SendAsync(Put($"api/v2/refunds/{id}", body), cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new GatewayException(GatewayName, GatewayErrorKind.UnexpectedResponse, null, $"Swish answered {(int)response.StatusCode} to refund {id}.");
        }

        // CREATED: Swish debits us and pays the payer; the callback (or a sync) tells the end.
        return new GatewayRefundOutcome(PaymentStatus.Pending, id);
    }

    /// <summary>The instruction id the callback names (and, for a refund, its payment's); nothing else in it is read.</summary>
    public WebhookClaim ReadWebhookClaim(WebhookRequest request)
    {
        JsonNode? body;
        try
        {
            body = JsonNode.Parse(request.Body);
        }
        catch (JsonException)
        {
            return WebhookClaim.Malformed("the body is not JSON.");
        }

        return body is JsonObject callback && callback.Text("id") is { } id && InstructionIdShape().IsMatch(id)
            ? WebhookClaim.Naming(id, callback.Text("originalPaymentReference"))
            : WebhookClaim.Malformed("the body is not a Swish payment request or refund.");
    }

    /// <summary>
    /// A Swish callback carries the whole payment (or refund) object, but nothing proves it came from
    /// Swish: only its id is read, and the status is fetched from Swish over our mutual TLS channel.
    /// </summary>
    public async Task<WebhookVerification> VerifyWebhookAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        JsonNode? body;
        try
        {
            body = JsonNode.Parse(request.Body);
        }
        catch (JsonException)
        {
            return WebhookVerification.Rejected("the body is not JSON.");
        }

        if (body is not JsonObject callback || callback.Text("id") is not { } id || !InstructionIdShape().IsMatch(id))
        {
            return WebhookVerification.Rejected("the body is not a Swish payment request or refund.");
        }

        var isRefund = callback.ContainsKey("originalPaymentReference");
        JsonNode fetched;
        try
        {
            using var lookup = GatewayHttp.WebhookLookup();
            fetched = isRefund ? await GetJsonAsync($"api/v1/refunds/{id}", cancellationToken) : await GetPaymentAsync(id, cancellationToken);
        }
        catch (GatewayException ex) when (ex.Kind is GatewayErrorKind.NotFound or GatewayErrorKind.InvalidRequest)
        {
            return WebhookVerification.Rejected($"Swish does not know the {(isRefund ? "refund" : "payment request")} {id}.");
        }

        try
        {
            if (!string.Equals(fetched.Required(GatewayName, "id"), id, StringComparison.OrdinalIgnoreCase))
            {
                return WebhookVerification.Rejected($"Swish answered another object than {id}.");
            }

            var status = fetched.Required(GatewayName, "status");
            if (isRefund)
            {
                var refund = SwishStatuses.Refund(fetched);
                return WebhookVerification.Accepted(new GatewayEvent(
                    $"{id}:{status}", "refund", GatewayEventSubject.Refund, refund.ProviderReference!, refund.Status, refund.FailureCode));
            }

            var outcome = SwishStatuses.Payment(fetched);
            return WebhookVerification.Accepted(new GatewayEvent(
                $"{id}:{status}", "payment_request", GatewayEventSubject.Payment, outcome.ProviderReference!, outcome.Status, outcome.FailureCode, outcome.FailureMessage));
        }
        catch (GatewayException ex) when (ex.Kind == GatewayErrorKind.UnexpectedResponse)
        {
            return WebhookVerification.Rejected(ex.Message);
        }
    }

    private string CallbackUrl(string? notificationUrl)
    {
        var url = notificationUrl ?? options.Value.WebhookUrl(GatewayName);
        if (url is null)
        {
            throw new GatewayException(
                GatewayName, GatewayErrorKind.InvalidRequest, "RP03",
                "Swish needs an HTTPS callback URL: set Gateways:Swish:PublicBaseUrl or the payment's notification URL.");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new GatewayException(GatewayName, GatewayErrorKind.InvalidRequest, "RP03", "Swish takes HTTPS callback URLs only.");
        }

        return url;
    }

    /// <summary>Our payment id in the characters a Swish reference surely takes (letters and digits, at most 35).</summary>
    private static string Reference(string paymentId)
    {
        var reference = new string(paymentId.Where(char.IsAsciiLetterOrDigit).ToArray());
        return reference.Length <= 35 ? reference : reference[^35..];
    }

    /// <summary>The payer sees this in the app: at most 50 of the characters Swish allows, others made spaces.</summary>
    public static string? Message(string? description)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            return null;
        }

        var message = Spaces().Replace(MessageOutcast().Replace(description, " "), " ").Trim();
        message = message.Length <= 50 ? message : message[..50].TrimEnd();
        return message.Length == 0 ? null : message;
    }

    private static string PaymentPath(string id) => $"api/v1/paymentrequests/{Uri.EscapeDataString(id)}";

    private Task<JsonNode> GetPaymentAsync(string id, CancellationToken ct) => GetJsonAsync(PaymentPath(id), ct);

    private async Task<JsonNode> GetJsonAsync(string path, CancellationToken ct)
    {
        var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, path), ct);
        return await GatewayHttp.ReadJsonAsync(response, GatewayName, ct);
    }

    /// <summary>A PUT on our own instruction id: repeating it cannot create a second request.</summary>
    private static HttpRequestMessage Put(string path, JsonObject body) =>
        new HttpRequestMessage(HttpMethod.Put, path) { Content = Content(body.ToJsonString(), JsonType) }.Repeatably();

    private static StringContent Content(string json, string mediaType)
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    private Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(JsonType));
        return GatewayHttp.SendAsync(clients.CreateClient(GatewayName), GatewayName, request, ct, SwishStatuses.ErrorCode);
    }
}
