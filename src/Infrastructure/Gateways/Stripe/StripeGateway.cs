using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Domain.PaymentMethods;
using CleanPrepay.Domain.Payments;
using Microsoft.Extensions.Options;

namespace CleanPrepay.Infrastructure.Gateways.Stripe;

/// <summary>
/// Stripe's PaymentIntents over REST (docs/reference/providers.md#stripe), the API version pinned to the spec we
/// test against. A card is a <c>pm_…</c> token from Stripe.js, so card data never reaches us.
/// </summary>
internal sealed partial class StripeGateway(IHttpClientFactory clients, IOptions<StripeOptions> options) : IPaymentGateway, ISavedMethodGateway
{
    public const string GatewayName = "stripe";

    public string Name => GatewayName;

    public GatewayCapabilities Capabilities { get; } = new(Currencies: null, RequiresPaymentMethod: true, Instant: true);

    [GeneratedRegex("^pm_[A-Za-z0-9_]{1,250}$")]
    private static partial Regex PaymentMethodToken();

    public bool AcceptsPaymentMethod(string? paymentMethod) => paymentMethod is not null && PaymentMethodToken().IsMatch(paymentMethod);

    /// <summary>The form fields of a PaymentIntent creation (also what the contract tests check against the spec).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> CreateForm(GatewayPaymentRequest request)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("amount", request.Amount.MinorUnits.ToString(CultureInfo.InvariantCulture)),
            new("currency", request.Amount.Currency.Code.ToLowerInvariant()),
            new("payment_method", request.PaymentMethod ?? string.Empty),
            new("payment_method_types[0]", "card"),
            new("confirm", "true"),
            new("capture_method", request.Capture ? "automatic" : "manual"),
            new("description", request.Description),
            new("metadata[payment_id]", request.PaymentId),
            new("metadata[customer_id]", request.CustomerId),
        };
        if ((request.ReturnUrl ?? options.Value.ReturnUrl) is { } returnUrl)
        {
            form.Add(new("return_url", returnUrl));
        }

        if (request.SaveForFutureUse && request.ProviderCustomerId is { } customer)
        {
            // Keep the card on the Stripe Customer for later off-session charges (ADR 0038).
            form.Add(new("customer", customer));
            form.Add(new("setup_future_usage", "off_session"));
            form.Add(new("expand[0]", "payment_method"));
        }

        return form;
    }

    public async Task<GatewayOutcome> CreatePaymentAsync(GatewayPaymentRequest request, CancellationToken cancellationToken)
    {
        var response = await SendAsync(Post("v1/payment_intents", CreateForm(request), request.IdempotencyKey), cancellationToken, HttpStatusCode.PaymentRequired);
        return (await IntentAsync(response, request.PaymentId, cancellationToken)).Outcome;
    }

    public bool NeedsProviderCustomer => true;

    public IReadOnlySet<SavedMethodKind> Kinds { get; } = new HashSet<SavedMethodKind> { SavedMethodKind.Card };

    public async Task<string> CreateCustomerAsync(GatewayCustomerRequest request, CancellationToken cancellationToken)
    {
        var response = await SendAsync(Post("v1/customers", CustomerForm(request), request.IdempotencyKey), cancellationToken);
        return (await GatewayHttp.ReadJsonAsync(response, GatewayName, cancellationToken)).Required(GatewayName, "id");
    }

    public static IReadOnlyList<KeyValuePair<string, string>> CustomerForm(GatewayCustomerRequest request) =>
    [
        new("email", request.Email),
        new("name", request.Name),
        new("metadata[customer_id]", request.CustomerId),
    ];

    /// <summary>The form of a SetupIntent for off-session use, confirmed at once on the payer's token.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> SetupForm(GatewaySetupRequest request)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("customer", request.ProviderCustomerId ?? throw new InvalidOperationException("A Stripe method is set up on a Stripe Customer.")),
            new("payment_method", request.PaymentMethod ?? string.Empty),
            new("payment_method_types[0]", "card"),
            new("usage", "off_session"),
            new("confirm", "true"),
            new("expand[0]", "payment_method"),
            new("metadata[saved_method_id]", request.SavedMethodId),
            new("metadata[customer_id]", request.CustomerId),
        };
        if ((request.ReturnUrl ?? options.Value.ReturnUrl) is { } returnUrl)
        {
            form.Add(new("return_url", returnUrl));
        }

        return form;
    }

    public async Task<GatewaySetupOutcome> SetupAsync(GatewaySetupRequest request, CancellationToken cancellationToken)
    {
        var response = await SendAsync(Post("v1/setup_intents", SetupForm(request), request.IdempotencyKey), cancellationToken, HttpStatusCode.PaymentRequired);
        var body = await GatewayHttp.ReadJsonAsync(response, GatewayName, cancellationToken);
        return body["error"] is { } error
            ? error["setup_intent"] is JsonObject intent && intent.Text("status") is not "requires_payment_method"
                ? StripeStatuses.Setup(intent)
                : new GatewaySetupOutcome(
                    SavedMethodStatus.Failed, null, error["setup_intent"].Text("id"), FailureCode: StripeStatuses.FailureCode(error),
                    FailureMessage: error.Text("message") ?? "The card could not be set up.")
            : StripeStatuses.Setup(body);
    }

    public async Task<GatewaySetupOutcome> SyncSetupAsync(GatewaySetupLookup setup, CancellationToken cancellationToken)
    {
        if (setup.SetupReference is null)
        {
            return new GatewaySetupOutcome(SavedMethodStatus.Pending, null, null);
        }

        var response = await SendAsync(
            new HttpRequestMessage(HttpMethod.Get, $"v1/setup_intents/{Uri.EscapeDataString(setup.SetupReference)}?expand%5B0%5D=payment_method"), cancellationToken);
        return StripeStatuses.Setup(await GatewayHttp.ReadJsonAsync(response, GatewayName, cancellationToken));
    }

    /// <summary>The form of a charge on a saved card: on the Customer, confirmed at once, off-session when the payer is not there.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> SavedChargeForm(GatewaySavedChargeRequest request)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("amount", request.Amount.MinorUnits.ToString(CultureInfo.InvariantCulture)),
            new("currency", request.Amount.Currency.Code.ToLowerInvariant()),
            new("customer", request.Method.ProviderCustomerId ?? string.Empty),
            new("payment_method", request.Method.ProviderMethodId),
            new("payment_method_types[0]", "card"),
            new("confirm", "true"),
            new("off_session", request.OffSession ? "true" : "false"),
            new("description", request.Description),
            new("metadata[payment_id]", request.PaymentId),
            new("metadata[customer_id]", request.CustomerId),
        };
        if (!request.OffSession && (request.ReturnUrl ?? options.Value.ReturnUrl) is { } returnUrl)
        {
            form.Add(new("return_url", returnUrl));
        }

        return form;
    }

    public async Task<GatewayOutcome> ChargeSavedAsync(GatewaySavedChargeRequest request, CancellationToken cancellationToken)
    {
        var response = await SendAsync(Post("v1/payment_intents", SavedChargeForm(request), request.IdempotencyKey), cancellationToken, HttpStatusCode.PaymentRequired);
        return (await IntentAsync(response, request.PaymentId, cancellationToken)).Outcome;
    }

    public async Task RevokeAsync(GatewaySavedMethod method, CancellationToken cancellationToken)
    {
        var response = await SendAsync(
            Post($"v1/payment_methods/{Uri.EscapeDataString(method.ProviderMethodId)}/detach", [], $"detach_{method.ProviderMethodId}"), cancellationToken);
        await GatewayHttp.ReadJsonAsync(response, GatewayName, cancellationToken);
    }

    public async Task<GatewayOutcome> ConfirmPaymentAsync(GatewayPaymentLookup payment, CancellationToken cancellationToken) =>
        await SyncAsync(payment, cancellationToken);

    public async Task<GatewayOutcome> CaptureAsync(GatewayPaymentLookup payment, string idempotencyKey, CancellationToken cancellationToken)
    {
        var reference = payment.ProviderReference ?? (await FindAsync(payment.PaymentId, cancellationToken))?.ProviderReference;
        if (reference is null)
        {
            return GatewayOutcome.NoAnswer;
        }

        var response = await SendAsync(
            Post($"v1/payment_intents/{Uri.EscapeDataString(reference)}/capture", [new("amount_to_capture", payment.Amount.MinorUnits.ToString(CultureInfo.InvariantCulture))], idempotencyKey),
            cancellationToken, HttpStatusCode.PaymentRequired);
        return (await IntentAsync(response, payment.PaymentId, cancellationToken)).Outcome;
    }

    public async Task<GatewayOutcome> SyncAsync(GatewayPaymentLookup payment, CancellationToken cancellationToken)
    {
        if (payment.ProviderReference is null)
        {
            // Our creation call timed out: Stripe may have the intent under our payment id.
            return await FindAsync(payment.PaymentId, cancellationToken) ?? GatewayOutcome.NoAnswer;
        }

        // Expanded, so that a card kept by a payment the payer completed later shows its brand and last digits.
        var response = await SendAsync(
            new HttpRequestMessage(HttpMethod.Get, $"v1/payment_intents/{Uri.EscapeDataString(payment.ProviderReference)}?expand%5B0%5D=payment_method"), cancellationToken);
        return WithPayerLink(StripeStatuses.Payment(await GatewayHttp.ReadJsonAsync(response, GatewayName, cancellationToken)), payment.PaymentId);
    }

    public async Task<GatewayOutcome> CancelAsync(GatewayPaymentLookup payment, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (payment.ProviderReference is null)
        {
            return GatewayOutcome.NoAnswer;
        }

        var response = await SendAsync(
            Post($"v1/payment_intents/{Uri.EscapeDataString(payment.ProviderReference)}/cancel", [new("cancellation_reason", "abandoned")], idempotencyKey), cancellationToken);
        return StripeStatuses.Payment(await GatewayHttp.ReadJsonAsync(response, GatewayName, cancellationToken));
    }

    public IReadOnlyList<KeyValuePair<string, string>> RefundForm(GatewayRefundRequest request) =>
    [
        new("payment_intent", request.ProviderReference),
        new("amount", request.Amount.MinorUnits.ToString(CultureInfo.InvariantCulture)),
        new("metadata[refund_id]", request.RefundId),
    ];

    public async Task<GatewayRefundOutcome> RefundAsync(GatewayRefundRequest request, CancellationToken cancellationToken)
    {
        var response = await SendAsync(Post("v1/refunds", RefundForm(request), request.IdempotencyKey), cancellationToken);
        var refund = await GatewayHttp.ReadJsonAsync(response, GatewayName, cancellationToken);
        var status = StripeStatuses.Refund(refund.Required(GatewayName, "status"));
        return new GatewayRefundOutcome(status, refund.Required(GatewayName, "id"), status == PaymentStatus.Failed ? refund.Text("failure_reason") : null);
    }

    public Task<WebhookVerification> VerifyWebhookAsync(WebhookRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(StripeWebhooks.Verify(request, options.Value));

    private async Task<GatewayOutcome?> FindAsync(string paymentId, CancellationToken ct)
    {
        var query = Uri.EscapeDataString($"metadata['payment_id']:'{paymentId}'");
        var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, $"v1/payment_intents/search?query={query}&limit=1"), ct);
        var page = await GatewayHttp.ReadJsonAsync(response, GatewayName, ct);
        return page["data"] is JsonArray { Count: > 0 } data && data[0] is { } intent ? StripeStatuses.Payment(intent) : null;
    }

    private async Task<(GatewayOutcome Outcome, JsonNode? Intent)> IntentAsync(HttpResponseMessage response, string paymentId, CancellationToken ct)
    {
        var body = await GatewayHttp.ReadJsonAsync(response, GatewayName, ct);
        if (body["error"] is { } error)
        {
            // 402: declined, or (off-session) the bank wants the payer; the intent comes with the error.
            var intent = error["payment_intent"];
            var outcome = intent is not null && (intent.Text("status") is not "requires_payment_method" || error.Text("code") == "authentication_required")
                ? StripeStatuses.Payment(WithError(intent, error))
                : StripeStatuses.Failed(intent.Text("id"), error);
            return (WithPayerLink(outcome, paymentId), intent);
        }

        return (WithPayerLink(StripeStatuses.Payment(body), paymentId), body);
    }

    /// <summary>The intent as Stripe keeps it after the error: its last_payment_error is the error.</summary>
    private static JsonNode WithError(JsonNode intent, JsonNode error)
    {
        var copy = intent.DeepClone();
        copy["last_payment_error"] ??= error.DeepClone();
        return copy;
    }

    /// <summary>An off-session charge waiting on the payer links to the platform's page that completes it (<see cref="StripeOptions.OffSessionActionUrl"/>).</summary>
    private GatewayOutcome WithPayerLink(GatewayOutcome outcome, string paymentId) =>
        outcome is { Status: PaymentStatus.RequiresAction, NextActionUrl: null } && options.Value.OffSessionActionUrl is { } template
            ? outcome with { NextActionUrl = template.Replace("{paymentId}", Uri.EscapeDataString(paymentId), StringComparison.Ordinal) }
            : outcome;

    private HttpRequestMessage Post(string path, IEnumerable<KeyValuePair<string, string>> form, string idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request.Repeatably();
    }

    private Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct, params HttpStatusCode[] accepted)
    {
        var current = options.Value;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", current.SecretKey);
        request.Headers.Add("Stripe-Version", current.ApiVersion);
        return GatewayHttp.SendAsync(clients.CreateClient(GatewayName), GatewayName, request, ct, body => body?["error"].Text("code"), accepted);
    }
}

/// <summary>Stripe's webhook signature scheme (<see cref="TimestampedSignature"/>), verified by hand as Stripe documents (no SDK on the feed).</summary>
internal static class StripeWebhooks
{
    public static WebhookVerification Verify(WebhookRequest request, StripeOptions options)
    {
        const string header = "Stripe-Signature";
        if (TimestampedSignature.Check(header, request.Header(header), request.Body, options.WebhookSecrets.ToList(), options.WebhookTolerance, request.ReceivedAt) is { } refused)
        {
            return WebhookVerification.Rejected(refused);
        }

        return Parse(request.Body);
    }

    /// <summary>A signed event in the neutral vocabulary: payment intents and refunds; other types are acknowledged and ignored.</summary>
    public static WebhookVerification Parse(byte[] body)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return WebhookVerification.Rejected("the body is not JSON.");
        }

        if (root is null || root.Text("object") != "event" || root.Text("id") is not { } eventId || root.Text("type") is not { } type
            || root["data"]?["object"] is not JsonObject subject)
        {
            return WebhookVerification.Rejected("the body is not a Stripe event.");
        }

        try
        {
            switch (subject.Text("object"))
            {
                case "payment_intent":
                {
                    var outcome = StripeStatuses.Payment(subject);
                    return WebhookVerification.Accepted(new GatewayEvent(
                        eventId, type, GatewayEventSubject.Payment, outcome.ProviderReference!, outcome.Status, outcome.FailureCode, outcome.FailureMessage,
                        subject["metadata"].Text("payment_id")) { SavedMethod = outcome.SavedMethod });
                }

                case "setup_intent" when subject.Text("id") is { } setupId:
                    // setup_intent.succeeded / setup_failed / requires_action: the set-up of a saved card moved on (ADR 0038).
                    return WebhookVerification.Accepted(new GatewayEvent(eventId, type, GatewayEventSubject.Setup, setupId, PaymentStatus.Pending)
                    {
                        Setup = StripeStatuses.Setup(subject),
                    });
                case "dispute" when subject.Text("id") is { } disputeId && subject.Text("payment_intent") is { } intentId && subject.Text("status") is { } status:
                    // charge.dispute.*: the dispute names the intent it is about; closed ones say won or lost (ADR 0040).
                    return WebhookVerification.Accepted(new GatewayEvent(eventId, type, GatewayEventSubject.Dispute, intentId, PaymentStatus.Succeeded)
                    {
                        Dispute = new GatewayDispute(disputeId, StripeStatuses.Dispute(status), (long?)subject["amount"] ?? 0, subject.Text("reason")),
                    });
                case "refund" when subject.Text("id") is { } refundId && subject.Text("status") is { } status:
                    return WebhookVerification.Accepted(new GatewayEvent(
                        eventId, type, GatewayEventSubject.Refund, refundId, StripeStatuses.Refund(status), subject.Text("failure_reason"),
                        PaymentReference: subject["metadata"].Text("refund_id")));
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
