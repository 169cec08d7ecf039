using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Domain.Payments;
using Microsoft.Extensions.Options;

namespace CleanPrepay.Infrastructure.Gateways.SecurionPay;

/// <summary>
/// SecurionPay charges over REST, as docs/reference/providers.md#securionpay records them. No idempotency
/// key is documented, so no write is repeated; unsigned webhooks are trusted only as fetched by event id.
/// </summary>
internal sealed partial class SecurionPayGateway(IHttpClientFactory clients, IOptions<SecurionPayOptions> options) : IPaymentGateway, ISavedMethodGateway
{
    public const string GatewayName = "securionpay";

    /// <summary>The event types whose <c>data</c> is a charge (SDK <c>EventType</c>); any other type is acknowledged and ignored.</summary>
    public static readonly IReadOnlySet<string> ChargeEventTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "CHARGE_SUCCEEDED", "CHARGE_FAILED", "CHARGE_UPDATED", "CHARGE_CAPTURED", "CHARGE_REFUNDED",
    };

    public string Name => GatewayName;

    public GatewayCapabilities Capabilities { get; } = new(Currencies: null, RequiresPaymentMethod: true, Instant: true);

    [GeneratedRegex("^tok_[A-Za-z0-9]{1,100}$")]
    private static partial Regex CardToken();

    [GeneratedRegex("^[A-Za-z0-9_]{1,100}$")]
    private static partial Regex EventId();

    public bool AcceptsPaymentMethod(string? paymentMethod) => paymentMethod is not null && CardToken().IsMatch(paymentMethod);

    /// <summary>The JSON body of a charge (also what the contract tests check).</summary>
    public JsonObject CreateBody(GatewayPaymentRequest request)
    {
        var body = new JsonObject
        {
            ["amount"] = request.Amount.MinorUnits,
            ["currency"] = request.Amount.Currency.Code,
            ["card"] = request.PaymentMethod,
            ["captured"] = request.Capture,
            ["description"] = request.Description,
            ["metadata"] = new JsonObject { ["payment_id"] = request.PaymentId },
        };
        if (options.Value.RequireThreeDSecureLiabilityShift)
        {
            body["threeDSecure"] = new JsonObject
            {
                ["requireEnrolledCard"] = false,
                ["requireSuccessfulLiabilityShiftForEnrolledCard"] = true,
            };
        }

        return body;
    }

    public async Task<GatewayOutcome> CreatePaymentAsync(GatewayPaymentRequest request, CancellationToken cancellationToken)
    {
        if (!AcceptsPaymentMethod(request.PaymentMethod))
        {
            // Refused before any call: the token is never echoed.
            throw new GatewayException(GatewayName, GatewayErrorKind.InvalidRequest, "invalid_payment_method",
                $"SecurionPay needs a card token (tok_…) for payment {request.PaymentId}.");
        }

        var response = await SendAsync(Post("charges", CreateBody(request)), cancellationToken, HttpStatusCode.PaymentRequired);
        return await ChargeOutcomeAsync(response, cancellationToken);
    }

    public async Task<GatewayOutcome> ConfirmPaymentAsync(GatewayPaymentLookup payment, CancellationToken cancellationToken) =>
        await SyncAsync(payment, cancellationToken);

    public bool NeedsProviderCustomer => true;

    public IReadOnlySet<Domain.PaymentMethods.SavedMethodKind> Kinds { get; } = new HashSet<Domain.PaymentMethods.SavedMethodKind> { Domain.PaymentMethods.SavedMethodKind.Card };

    /// <summary>
    /// A SecurionPay customer (saved cards hang on one). SecurionPay documents no idempotency key, so the call is not
    /// retried; a second customer a lost answer may leave behind holds no card and is never charged.
    /// </summary>
    public async Task<string> CreateCustomerAsync(GatewayCustomerRequest request, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["email"] = request.Email, ["description"] = $"CleanPrepay customer {request.CustomerId}", ["metadata"] = new JsonObject { ["customer_id"] = request.CustomerId } };
        var response = await SendAsync(Post("customers", body), cancellationToken);
        return (await GatewayHttp.ReadJsonAsync(response, GatewayName, cancellationToken)).Required(GatewayName, "id");
    }

    /// <summary>The payer's card token kept as a card on the customer: never a card number on our side (ADR 0022).</summary>
    public async Task<GatewaySetupOutcome> SetupAsync(GatewaySetupRequest request, CancellationToken cancellationToken)
    {
        if (!AcceptsPaymentMethod(request.PaymentMethod) || request.ProviderCustomerId is null)
        {
            throw new GatewayException(GatewayName, GatewayErrorKind.InvalidRequest, "invalid_payment_method", "SecurionPay saves a card token (tok_…) on a customer.");
        }

        var response = await SendAsync(
            Post($"customers/{Uri.EscapeDataString(request.ProviderCustomerId)}/cards", new JsonObject { ["id"] = request.PaymentMethod }), cancellationToken, HttpStatusCode.PaymentRequired);
        var card = await GatewayHttp.ReadJsonAsync(response, GatewayName, cancellationToken);
        if (card["error"] is { } error)
        {
            return new GatewaySetupOutcome(
                Domain.PaymentMethods.SavedMethodStatus.Failed, null, null, FailureCode: GatewayFailureCodes.CardDeclined, FailureMessage: error.Text("message") ?? "The card could not be saved.");
        }

        return new GatewaySetupOutcome(
            Domain.PaymentMethods.SavedMethodStatus.Active, card.Required(GatewayName, "id"), null,
            new Domain.PaymentMethods.MethodDisplay(card.Text("brand")?.ToLowerInvariant(), card.Text("last4"), int.TryParse(card.Text("expMonth"), out var month) ? month : null,
                int.TryParse(card.Text("expYear"), out var year) ? year : null));
    }

    /// <summary>A SecurionPay card is saved or refused at once: there is never anything to ask later.</summary>
    public Task<GatewaySetupOutcome> SyncSetupAsync(GatewaySetupLookup setup, CancellationToken cancellationToken) =>
        Task.FromResult(new GatewaySetupOutcome(Domain.PaymentMethods.SavedMethodStatus.Pending, null, setup.SetupReference));

    /// <summary>A charge of the customer's saved card (<c>customerId</c> and the card's id).</summary>
    public static JsonObject SavedChargeBody(GatewaySavedChargeRequest request) => new()
    {
        ["amount"] = request.Amount.MinorUnits,
        ["currency"] = request.Amount.Currency.Code,
        ["customerId"] = request.Method.ProviderCustomerId,
        ["card"] = request.Method.ProviderMethodId,
        ["captured"] = true,
        ["description"] = request.Description,
        ["metadata"] = new JsonObject { ["payment_id"] = request.PaymentId },
    };

    public async Task<GatewayOutcome> ChargeSavedAsync(GatewaySavedChargeRequest request, CancellationToken cancellationToken)
    {
        var response = await SendAsync(Post("charges", SavedChargeBody(request)), cancellationToken, HttpStatusCode.PaymentRequired);
        return await ChargeOutcomeAsync(response, cancellationToken);
    }

    public async Task RevokeAsync(GatewaySavedMethod method, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            new HttpRequestMessage(HttpMethod.Delete, $"customers/{Uri.EscapeDataString(method.ProviderCustomerId ?? string.Empty)}/cards/{Uri.EscapeDataString(method.ProviderMethodId)}"),
            cancellationToken);
    }

    /// <summary>
    /// SecurionPay's capture carries no amount, so the charge is read first: already captured is the answer
    /// (a retried capture takes nothing twice), and a charge holding another amount is refused.
    /// </summary>
    public async Task<GatewayOutcome> CaptureAsync(GatewayPaymentLookup payment, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (payment.ProviderReference is null)
        {
            return GatewayOutcome.NoAnswer;
        }

        var charge = await GetChargeAsync(payment.ProviderReference, cancellationToken);
        var current = SecurionPayStatuses.Charge(charge);
        if (current.Status != PaymentStatus.Authorized)
        {
            return current;
        }

        if (charge["amount"]?.GetValueKind() != JsonValueKind.Number || charge["amount"]!.GetValue<long>() != payment.Amount.MinorUnits
            || charge.Text("currency") != payment.Amount.Currency.Code)
        {
            throw new GatewayException(GatewayName, GatewayErrorKind.InvalidRequest, "amount_mismatch",
                $"SecurionPay charge for payment {payment.PaymentId} holds another amount than {payment.Amount}; it was not captured.");
        }

        var response = await SendAsync(Post($"charges/{Uri.EscapeDataString(payment.ProviderReference)}/capture", new JsonObject()), cancellationToken, HttpStatusCode.PaymentRequired);
        return await ChargeOutcomeAsync(response, cancellationToken);
    }

    public async Task<GatewayOutcome> SyncAsync(GatewayPaymentLookup payment, CancellationToken cancellationToken)
    {
        if (payment.ProviderReference is null)
        {
            // Our charge call timed out before we learnt the id: SecurionPay documents no search by
            // metadata, so nothing is known until its CHARGE_* event names our payment_id.
            return GatewayOutcome.NoAnswer;
        }

        return SecurionPayStatuses.Charge(await GetChargeAsync(payment.ProviderReference, cancellationToken));
    }

    /// <summary>
    /// Releases an authorised, uncaptured charge. SecurionPay documents no void: this sends a full
    /// refund of the uncaptured charge (<c>POST /charges/{id}/refund</c> with no amount), which cannot
    /// move more money than was held. Any other charge is answered as it is (taken money is refunded, not canceled).
    /// </summary>
    public async Task<GatewayOutcome> CancelAsync(GatewayPaymentLookup payment, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (payment.ProviderReference is null)
        {
            return GatewayOutcome.NoAnswer;
        }

        var current = SecurionPayStatuses.Charge(await GetChargeAsync(payment.ProviderReference, cancellationToken));
        if (current.Status != PaymentStatus.Authorized)
        {
            return current;
        }

        var response = await SendAsync(Post($"charges/{Uri.EscapeDataString(payment.ProviderReference)}/refund", new JsonObject()), cancellationToken);
        return SecurionPayStatuses.Charge(await GatewayHttp.ReadJsonAsync(response, GatewayName, cancellationToken));
    }

    /// <summary>
    /// <c>POST /charges/{id}/refund</c> with the amount in minor units; SecurionPay answers with the
    /// charge, whose <c>refunds</c> list holds the new refund. The classic refund object documents no id
    /// or status: when present (newer API versions) they are used, otherwise a 200 is a done refund.
    /// </summary>
    public async Task<GatewayRefundOutcome> RefundAsync(GatewayRefundRequest request, CancellationToken cancellationToken)
    {
        var response = await SendAsync(
            Post($"charges/{Uri.EscapeDataString(request.ProviderReference)}/refund", new JsonObject { ["amount"] = request.Amount.MinorUnits }),
            cancellationToken, HttpStatusCode.PaymentRequired);
        var body = await GatewayHttp.ReadJsonAsync(response, GatewayName, cancellationToken);
        if (body["error"] is { } error)
        {
            return new GatewayRefundOutcome(PaymentStatus.Failed, null, SecurionPayStatuses.FailureCode(error.Text("code")));
        }

        var refund = (body["refunds"] as JsonArray)?.OfType<JsonObject>()
            .Select((r, index) => (Refund: r, Created: r["created"]?.GetValueKind() == JsonValueKind.Number ? r["created"]!.GetValue<long>() : long.MinValue, index))
            .OrderBy(r => r.Created).ThenBy(r => r.index)
            .LastOrDefault().Refund;
        return refund.Text("status") == "failed"
            ? new GatewayRefundOutcome(PaymentStatus.Failed, refund.Text("id"), GatewayFailureCodes.GatewayRejected)
            : new GatewayRefundOutcome(PaymentStatus.Succeeded, refund.Text("id"));
    }

    /// <summary>The charge the body says the event is about, and our payment id if it echoes it; none of it is trusted.</summary>
    public WebhookClaim ReadWebhookClaim(WebhookRequest request)
    {
        if (WebhookEventId(request.Body) is null)
        {
            return WebhookClaim.Malformed(NotAnEvent);
        }

        var data = JsonNode.Parse(request.Body).Member("data");
        return WebhookClaim.Naming(data.Text("id"), data.Text("chargeId"), data.Member("metadata").Text("payment_id"));
    }

    private const string NotAnEvent = "the body is not a SecurionPay event (no event id).";

    /// <summary>
    /// Only the event id is read, and the event fetched with our key; an unknown id is refused. Other event types
    /// are acknowledged, because SecurionPay holds back every later delivery until one is answered 200.
    /// </summary>
    public async Task<WebhookVerification> VerifyWebhookAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        if (WebhookEventId(request.Body) is not { } id)
        {
            return WebhookVerification.Rejected(NotAnEvent);
        }

        JsonNode @event;
        try
        {
            using var lookup = GatewayHttp.WebhookLookup();
            var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, $"events/{Uri.EscapeDataString(id)}"), cancellationToken);
            @event = await GatewayHttp.ReadJsonAsync(response, GatewayName, cancellationToken);
        }
        catch (GatewayException ex) when (ex.Kind == GatewayErrorKind.NotFound)
        {
            return WebhookVerification.Rejected("SecurionPay does not know this event.");
        }

        if (@event.Text("id") != id || @event.Text("type") is not { } type)
        {
            return WebhookVerification.Rejected("SecurionPay answered with another event than the one notified.");
        }

        if (!ChargeEventTypes.Contains(type) || @event["data"] is not JsonObject charge)
        {
            return WebhookVerification.Accepted();
        }

        try
        {
            var outcome = SecurionPayStatuses.Charge(charge);
            return WebhookVerification.Accepted(new GatewayEvent(
                id, type, GatewayEventSubject.Payment, outcome.ProviderReference!, outcome.Status, outcome.FailureCode, outcome.FailureMessage,
                charge["metadata"].Text("payment_id")));
        }
        catch (GatewayException ex)
        {
            return WebhookVerification.Rejected(ex.Message);
        }
    }

    /// <summary>The <c>id</c> of a JSON event body; null for anything else.</summary>
    public static string? WebhookEventId(byte[] body)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject root && root.Text("id") is { } id && EventId().IsMatch(id) ? id : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<JsonNode> GetChargeAsync(string reference, CancellationToken ct)
    {
        var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, $"charges/{Uri.EscapeDataString(reference)}"), ct);
        return await GatewayHttp.ReadJsonAsync(response, GatewayName, ct);
    }

    /// <summary>A charge, or the 402 card error that comes instead (with the failed charge's id).</summary>
    private static async Task<GatewayOutcome> ChargeOutcomeAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var body = await GatewayHttp.ReadJsonAsync(response, GatewayName, ct);
        return body["error"] is { } error
            ? SecurionPayStatuses.Failed(error.Text("chargeId"), error.Text("code"), error.Text("message"))
            : SecurionPayStatuses.Charge(body);
    }

    /// <summary>A write. Not repeatable: SecurionPay documents no idempotency key, so a retry could charge twice.</summary>
    private static HttpRequestMessage Post(string path, JsonObject body) =>
        new(HttpMethod.Post, path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };

    private Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct, params HttpStatusCode[] accepted)
    {
        // HTTP Basic: the secret key as user name, an empty password.
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Value.SecretKey}:"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        return GatewayHttp.SendAsync(
            clients.CreateClient(GatewayName), GatewayName, request, ct, body => body?["error"].Text("code") ?? body?["error"].Text("type"), accepted);
    }
}
