using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Domain.Payments;
using Microsoft.Extensions.Options;
using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Infrastructure.Gateways.Mollie;

/// <summary>
/// Mollie's Payments API v2 (docs/reference/providers.md#mollie): a redirect checkout, so no card data or
/// token passes through us; an unsigned notification is verified by fetching the payment with our key.
/// </summary>
internal sealed partial class MollieGateway(IHttpClientFactory clients, IOptions<MollieOptions> options) : IPaymentGateway, ISavedMethodGateway
{
    public const string GatewayName = "mollie";

    /// <summary>Mollie's description limit (create-payment reference); longer ones are refused with 422.</summary>
    private const int MaxDescriptionLength = 255;

    public string Name => GatewayName;

    /// <summary>Redirect checkout: no token is needed, and the outcome arrives later (webhook or sync).</summary>
    public GatewayCapabilities Capabilities { get; } = new(Currencies: null, RequiresPaymentMethod: false, Instant: false);

    [GeneratedRegex("^tr_[A-Za-z0-9]{1,64}$")]
    private static partial Regex PaymentId();

    /// <summary>None (the payer picks on Mollie's checkout) or one of the configured Mollie method ids.</summary>
    public bool AcceptsPaymentMethod(string? paymentMethod) =>
        paymentMethod is null || options.Value.AcceptedMethods.Contains(paymentMethod, StringComparer.Ordinal);

    /// <summary>The amount object: the value carries exactly the currency's decimals (EUR "10.00", JPY "1000"), from integer minor units.</summary>
    public static JsonObject Amount(Money money) => new()
    {
        ["currency"] = money.Currency.Code,
        ["value"] = money.ToMajorUnitString(),
    };

    /// <summary>The JSON body of a payment creation (also what the contract tests check).</summary>
    public JsonObject CreateBody(GatewayPaymentRequest request)
    {
        var current = options.Value;
        var redirectUrl = request.ReturnUrl ?? current.RedirectUrl
            ?? throw new GatewayException(GatewayName, GatewayErrorKind.InvalidRequest, "redirect_url_missing",
                $"Mollie needs a redirect URL for payment {request.PaymentId}: none in the request and none configured (Gateways:Mollie:RedirectUrl).");
        var body = new JsonObject
        {
            ["amount"] = Amount(request.Amount),
            ["description"] = request.Description.Length > MaxDescriptionLength ? request.Description[..MaxDescriptionLength] : request.Description,
            ["redirectUrl"] = redirectUrl,
        };
        if ((request.NotificationUrl ?? current.WebhookUrl(GatewayName)) is { } webhookUrl)
        {
            body["webhookUrl"] = webhookUrl;
        }

        if (request.PaymentMethod is { } method)
        {
            body["method"] = method;
        }

        if (!request.Capture)
        {
            // Authorise only: the payment stops at 'authorized' until POST /captures (Captures API).
            body["captureMode"] = "manual";
        }

        if (request.SaveForFutureUse && request.ProviderCustomerId is { } customer)
        {
            // A first payment on the customer: once paid, Mollie keeps a mandate for recurring charges (ADR 0038).
            body["customerId"] = customer;
            body["sequenceType"] = "first";
        }

        body["metadata"] = new JsonObject { ["payment_id"] = request.PaymentId };
        return body;
    }

    public bool NeedsProviderCustomer => true;

    public IReadOnlySet<Domain.PaymentMethods.SavedMethodKind> Kinds { get; } =
        new HashSet<Domain.PaymentMethods.SavedMethodKind> { Domain.PaymentMethods.SavedMethodKind.Card, Domain.PaymentMethods.SavedMethodKind.SepaDebit };

    public Domain.PaymentMethods.SavedMethodKind? KindOf(string? paymentMethod) => paymentMethod switch
    {
        "creditcard" => Domain.PaymentMethods.SavedMethodKind.Card,
        "ideal" or "bancontact" or "belfius" or "kbc" => Domain.PaymentMethods.SavedMethodKind.SepaDebit,
        _ => null,
    };

    public static JsonObject CustomerBody(GatewayCustomerRequest request) => new()
    {
        ["name"] = request.Name,
        ["email"] = request.Email,
        ["metadata"] = new JsonObject { ["customer_id"] = request.CustomerId },
    };

    public async Task<string> CreateCustomerAsync(GatewayCustomerRequest request, CancellationToken cancellationToken)
    {
        var response = await SendAsync(Write(HttpMethod.Post, "v2/customers", CustomerBody(request), request.IdempotencyKey), cancellationToken);
        return (await GatewayHttp.ReadJsonAsync(response, GatewayName, cancellationToken)).Required(GatewayName, "id");
    }

    /// <summary>
    /// The set-up is Mollie's <c>first</c> payment of <see cref="MollieOptions.FirstPaymentMinorUnits"/> on the customer: the payer
    /// completes it on Mollie's checkout, and the mandate it leaves is what recurring payments charge (docs.mollie.com/docs/recurring-payments).
    /// A SEPA mandate comes from a first payment by a bank method (iDEAL by default), a card mandate from a card payment.
    /// </summary>
    public JsonObject SetupBody(GatewaySetupRequest request)
    {
        var current = options.Value;
        var body = new JsonObject
        {
            ["amount"] = Amount(new Money(current.FirstPaymentMinorUnits, Currency.From(request.Currency))),
            ["description"] = $"Payment method set-up {request.SavedMethodId}",
            ["redirectUrl"] = request.ReturnUrl ?? current.RedirectUrl
                ?? throw new GatewayException(GatewayName, GatewayErrorKind.InvalidRequest, "redirect_url_missing", "Mollie needs a redirect URL for a first payment (Gateways:Mollie:RedirectUrl)."),
            ["method"] = request.PaymentMethod ?? (request.Kind == Domain.PaymentMethods.SavedMethodKind.SepaDebit ? "ideal" : "creditcard"),
            ["customerId"] = request.ProviderCustomerId,
            ["sequenceType"] = "first",
            ["metadata"] = new JsonObject { ["saved_method_id"] = request.SavedMethodId },
        };
        if (current.WebhookUrl(GatewayName) is { } webhookUrl)
        {
            body["webhookUrl"] = webhookUrl;
        }

        return body;
    }

    public async Task<GatewaySetupOutcome> SetupAsync(GatewaySetupRequest request, CancellationToken cancellationToken)
    {
        var response = await SendAsync(Write(HttpMethod.Post, "v2/payments", SetupBody(request), request.IdempotencyKey), cancellationToken);
        return await SetupOutcomeAsync(await GatewayHttp.ReadJsonAsync(response, GatewayName, cancellationToken), cancellationToken);
    }

    public async Task<GatewaySetupOutcome> SyncSetupAsync(GatewaySetupLookup setup, CancellationToken cancellationToken)
    {
        if (setup.SetupReference is null)
        {
            return new GatewaySetupOutcome(Domain.PaymentMethods.SavedMethodStatus.Pending, null, null);
        }

        var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, $"v2/payments/{Uri.EscapeDataString(setup.SetupReference)}"), cancellationToken);
        return await SetupOutcomeAsync(await GatewayHttp.ReadJsonAsync(response, GatewayName, cancellationToken), cancellationToken);
    }

    /// <summary>The first payment's state as the set-up's: open is the payer's checkout; paid gives the mandate, whose own status decides.</summary>
    private async Task<GatewaySetupOutcome> SetupOutcomeAsync(JsonNode payment, CancellationToken ct)
    {
        var id = payment.Required(GatewayName, "id");
        var outcome = MollieStatuses.Payment(payment);
        if (outcome.Status != PaymentStatus.Succeeded)
        {
            return outcome.Status switch
            {
                PaymentStatus.RequiresAction => new GatewaySetupOutcome(Domain.PaymentMethods.SavedMethodStatus.RequiresAction, null, id, null, "redirect", outcome.NextActionUrl),
                PaymentStatus.Pending or PaymentStatus.Authorized => new GatewaySetupOutcome(Domain.PaymentMethods.SavedMethodStatus.Pending, null, id),
                _ => new GatewaySetupOutcome(Domain.PaymentMethods.SavedMethodStatus.Failed, null, id, FailureCode: outcome.FailureCode, FailureMessage: outcome.FailureMessage),
            };
        }

        if (payment.Text("mandateId") is not { } mandateId || payment.Text("customerId") is not { } customerId)
        {
            return new GatewaySetupOutcome(Domain.PaymentMethods.SavedMethodStatus.Pending, null, id);
        }

        var response = await SendAsync(
            new HttpRequestMessage(HttpMethod.Get, $"v2/customers/{Uri.EscapeDataString(customerId)}/mandates/{Uri.EscapeDataString(mandateId)}"), ct);
        return MollieStatuses.Mandate(await GatewayHttp.ReadJsonAsync(response, GatewayName, ct), id);
    }

    /// <summary>A recurring payment on the mandate: no payer, no redirect; a SEPA one stays pending until the bank collects it.</summary>
    public JsonObject RecurringBody(GatewaySavedChargeRequest request)
    {
        var body = new JsonObject
        {
            ["amount"] = Amount(request.Amount),
            ["description"] = request.Description.Length > MaxDescriptionLength ? request.Description[..MaxDescriptionLength] : request.Description,
            ["customerId"] = request.Method.ProviderCustomerId,
            ["mandateId"] = request.Method.ProviderMethodId,
            ["sequenceType"] = "recurring",
        };
        if (options.Value.WebhookUrl(GatewayName) is { } webhookUrl)
        {
            body["webhookUrl"] = webhookUrl;
        }

        body["metadata"] = new JsonObject { ["payment_id"] = request.PaymentId };
        return body;
    }

    public async Task<GatewayOutcome> ChargeSavedAsync(GatewaySavedChargeRequest request, CancellationToken cancellationToken)
    {
        var response = await SendAsync(Write(HttpMethod.Post, "v2/payments", RecurringBody(request), request.IdempotencyKey), cancellationToken);
        return MollieStatuses.Payment(await GatewayHttp.ReadJsonAsync(response, GatewayName, cancellationToken));
    }

    public async Task RevokeAsync(GatewaySavedMethod method, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            Write(
                HttpMethod.Delete, $"v2/customers/{Uri.EscapeDataString(method.ProviderCustomerId ?? string.Empty)}/mandates/{Uri.EscapeDataString(method.ProviderMethodId)}",
                null, $"revoke_{method.ProviderMethodId}"),
            cancellationToken);
    }

    public async Task<GatewayOutcome> CreatePaymentAsync(GatewayPaymentRequest request, CancellationToken cancellationToken)
    {
        var response = await SendAsync(Write(HttpMethod.Post, "v2/payments", CreateBody(request), request.IdempotencyKey), cancellationToken);
        return MollieStatuses.Payment(await GatewayHttp.ReadJsonAsync(response, GatewayName, cancellationToken));
    }

    public async Task<GatewayOutcome> ConfirmPaymentAsync(GatewayPaymentLookup payment, CancellationToken cancellationToken) =>
        await SyncAsync(payment, cancellationToken);

    public async Task<GatewayOutcome> CaptureAsync(GatewayPaymentLookup payment, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (payment.ProviderReference is null)
        {
            return GatewayOutcome.NoAnswer;
        }

        var path = $"v2/payments/{Uri.EscapeDataString(payment.ProviderReference)}";
        using (await SendAsync(Write(HttpMethod.Post, $"{path}/captures", new JsonObject { ["amount"] = Amount(payment.Amount) }, idempotencyKey), cancellationToken))
        {
            // A 2xx: the capture is created. Its own status is not in the facts we hold, so the payment's status is the answer.
        }

        return await SyncAsync(payment, cancellationToken);
    }

    public async Task<GatewayOutcome> SyncAsync(GatewayPaymentLookup payment, CancellationToken cancellationToken)
    {
        if (payment.ProviderReference is null)
        {
            // Our creation timed out before we learnt the id. Mollie offers no search by metadata; the
            // payment (if it exists) expires unpaid, or its webhook names it with our payment_id.
            return GatewayOutcome.NoAnswer;
        }

        var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, $"v2/payments/{Uri.EscapeDataString(payment.ProviderReference)}"), cancellationToken);
        return MollieStatuses.Payment(await GatewayHttp.ReadJsonAsync(response, GatewayName, cancellationToken));
    }

    public async Task<GatewayOutcome> CancelAsync(GatewayPaymentLookup payment, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (payment.ProviderReference is null)
        {
            return GatewayOutcome.NoAnswer;
        }

        var response = await SendAsync(
            Write(HttpMethod.Delete, $"v2/payments/{Uri.EscapeDataString(payment.ProviderReference)}", null, idempotencyKey), cancellationToken);
        return MollieStatuses.Payment(await GatewayHttp.ReadJsonAsync(response, GatewayName, cancellationToken));
    }

    public static JsonObject RefundBody(GatewayRefundRequest request) => new()
    {
        ["amount"] = Amount(request.Amount),
        ["metadata"] = new JsonObject { ["refund_id"] = request.RefundId },
    };

    public async Task<GatewayRefundOutcome> RefundAsync(GatewayRefundRequest request, CancellationToken cancellationToken)
    {
        var response = await SendAsync(
            Write(HttpMethod.Post, $"v2/payments/{Uri.EscapeDataString(request.ProviderReference)}/refunds", RefundBody(request), request.IdempotencyKey),
            cancellationToken);
        var refund = await GatewayHttp.ReadJsonAsync(response, GatewayName, cancellationToken);
        var status = MollieStatuses.Refund(refund.Required(GatewayName, "status"));
        return new GatewayRefundOutcome(status, refund.Required(GatewayName, "id"), status == PaymentStatus.Failed ? GatewayFailureCodes.GatewayRejected : null);
    }

    /// <summary>The payment id of the form body; Mollie's notification names nothing else.</summary>
    public WebhookClaim ReadWebhookClaim(WebhookRequest request) =>
        WebhookPaymentId(request.Body) is { } id ? WebhookClaim.Naming(id) : WebhookClaim.Malformed(NotANotification);

    private const string NotANotification = "the body is not a Mollie notification (id=tr_…).";

    /// <summary>
    /// A classic webhook: form body <c>id=tr_…</c>, no status, no signature. The payment is fetched with
    /// our key and only that answer is trusted. An id Mollie does not know is accepted with no events
    /// (Mollie asks for 200 whatever the outcome, so a prober learns nothing); a body without an id is refused.
    /// </summary>
    public async Task<WebhookVerification> VerifyWebhookAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        if (WebhookPaymentId(request.Body) is not { } id)
        {
            return WebhookVerification.Rejected(NotANotification);
        }

        JsonNode payment;
        try
        {
            using var lookup = GatewayHttp.WebhookLookup();
            var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, $"v2/payments/{Uri.EscapeDataString(id)}"), cancellationToken);
            payment = await GatewayHttp.ReadJsonAsync(response, GatewayName, cancellationToken);
        }
        catch (GatewayException ex) when (ex.Kind == GatewayErrorKind.NotFound)
        {
            return WebhookVerification.Accepted();
        }

        var outcome = MollieStatuses.Payment(payment);
        var status = payment.Required(GatewayName, "status");
        if (outcome.ProviderReference != id)
        {
            return WebhookVerification.Rejected("Mollie answered with another payment than the one notified.");
        }

        if (payment.Text("sequenceType") == "first" && payment["metadata"].Text("saved_method_id") is not null)
        {
            // The first payment of a saved method's set-up: its mandate, once paid, is the method (ADR 0038).
            return WebhookVerification.Accepted(new GatewayEvent($"{id}:{status}", $"payment.{status}", GatewayEventSubject.Setup, id, outcome.Status)
            {
                Setup = await SetupOutcomeAsync(payment, cancellationToken),
            });
        }

        // One fact per (payment, status): a re-delivery of the same status applies once, a new status applies anew.
        var events = new List<GatewayEvent>
        {
            new($"{id}:{status}", $"payment.{status}", GatewayEventSubject.Payment, id, outcome.Status, outcome.FailureCode, outcome.FailureMessage,
                payment["metadata"].Text("payment_id")) { SavedMethod = outcome.SavedMethod },
        };
        if (MollieStatuses.ChargedBack(payment) is { } chargedBack && chargedBack > 0)
        {
            // Mollie reports a chargeback on the payment itself (amountChargedBack): the bank has taken the money, a lost dispute (ADR 0040).
            events.Add(new GatewayEvent($"{id}:chargeback:{chargedBack}", "payment.chargeback", GatewayEventSubject.Dispute, id, PaymentStatus.Succeeded)
            {
                Dispute = new GatewayDispute($"{id}:chargeback", DisputeStatus.Lost, chargedBack, "chargeback"),
            });
        }

        return WebhookVerification.Accepted([.. events]);
    }

    /// <summary>The single form field <c>id</c> when it is a payment id; null for anything else.</summary>
    public static string? WebhookPaymentId(byte[] body)
    {
        if (body.Length is 0 or > 1024)
        {
            return null;
        }

        string? id = null;
        foreach (var pair in Encoding.UTF8.GetString(body).Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            if (parts.Length == 2 && Uri.UnescapeDataString(parts[0].Replace('+', ' ')) == "id")
            {
                if (id is not null)
                {
                    return null;
                }

                id = Uri.UnescapeDataString(parts[1].Replace('+', ' '));
            }
        }

        return id is not null && PaymentId().IsMatch(id) ? id : null;
    }

    /// <summary>A write with Mollie's <c>Idempotency-Key</c>: Mollie answers a repeat with the first answer, so it may be retried.</summary>
    private static HttpRequestMessage Write(HttpMethod method, string path, JsonObject? body, string idempotencyKey)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request.Repeatably();
    }

    private Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.ApiKey);
        // Mollie's errors are application/hal+json {status, title, detail, field}: the title is the code we keep.
        return GatewayHttp.SendAsync(clients.CreateClient(GatewayName), GatewayName, request, ct, body => body.Text("title"));
    }
}
