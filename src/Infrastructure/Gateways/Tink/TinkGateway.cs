using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Domain.Payments;
using Microsoft.Extensions.Options;
using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Infrastructure.Gateways.Tink;

/// <summary>
/// Tink's one-time payments (docs/reference/providers.md#tink): the payer goes through Tink Link to their bank, and
/// the status lives on the request's transfers. No refund, cancel or idempotency key is documented.
/// </summary>
internal sealed class TinkGateway(IHttpClientFactory clients, IOptions<TinkOptions> options, TimeProvider time) : IPaymentGateway, IDisposable
{
    public const string GatewayName = "tink";
    public const string RefundNotSupported = "refund_not_supported";

    private readonly AccessTokenCache _tokens = new(
        time, () => options.Value.TokenRefreshMargin, ct => TinkTokens.FetchAsync(clients, options.Value, ct));

    public string Name => GatewayName;

    public GatewayCapabilities Capabilities { get; } = new(TinkMarkets.Currencies, RequiresPaymentMethod: false, Instant: true);

    /// <summary>The payer chooses their bank in Tink Link: there is no token to give.</summary>
    public bool AcceptsPaymentMethod(string? paymentMethod) => string.IsNullOrEmpty(paymentMethod);

    /// <summary>Major units, exactly: 1050 minor units of EUR are 10.5, as a decimal built from integers (never a double).</summary>
    public static decimal MajorUnits(Money amount)
    {
        var minor = amount.MinorUnits;
        var scale = amount.Currency.Exponent;
        while (scale > 0 && minor % 10 == 0)
        {
            minor /= 10;
            scale--;
        }

        var magnitude = (ulong)Math.Abs(minor);
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, minor < 0, (byte)scale);
    }

    /// <summary>The market, recipient and body of a payment request (also what the contract tests check).</summary>
    public (string Market, JsonObject Body) CreateBody(GatewayPaymentRequest request)
    {
        var current = options.Value;
        var currency = request.Amount.Currency.Code;
        if (!Capabilities.Supports(currency))
        {
            throw Invalid("currency_not_supported", $"Tink has no market for {currency}.");
        }

        if (!request.Amount.IsPositive)
        {
            throw Invalid("amount_invalid", "A Tink amount must be positive.");
        }

        var market = TinkMarkets.Choose(request.Country, current.Market, currency)
            ?? throw Invalid("market_unknown", $"No Tink market fits {currency}{(request.Country is null ? "" : $" for {request.Country}")}: set Gateways:Tink:Market.");
        var account = current.AccountFor(currency);
        if (account is null || string.IsNullOrWhiteSpace(current.RecipientName))
        {
            throw Invalid("recipient_missing", $"No Tink recipient is configured for {currency} (Gateways:Tink:RecipientName and Recipient).");
        }

        var body = new JsonObject
        {
            ["recipient"] = new JsonObject { ["accountNumber"] = account.AccountNumber, ["accountType"] = account.AccountType },
            ["amount"] = MajorUnits(request.Amount),
            ["currency"] = currency,
            ["market"] = market,
            ["recipientName"] = current.RecipientName,
            ["remittanceInformation"] = new JsonObject { ["type"] = "UNSTRUCTURED", ["value"] = request.PaymentId },
        };
        return (market, body);
    }

    public async Task<GatewayOutcome> CreatePaymentAsync(GatewayPaymentRequest request, CancellationToken cancellationToken)
    {
        var current = options.Value;
        var (market, body) = CreateBody(request);
        var redirect = request.ReturnUrl ?? current.RedirectUri
            ?? throw Invalid("redirect_missing", "Tink Link needs a redirect URI: give the payment a return URL or set Gateways:Tink:RedirectUri.");
        var json = body.ToJsonString();

        // No idempotency key is documented, so a lost answer is not retried: an orphan request moves no money.
        var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "api/v1/payments/requests") { Content = Json(json) }, cancellationToken);
        var created = await GatewayHttp.ReadJsonAsync(response, GatewayName, cancellationToken);
        var id = created.Required(GatewayName, "id");
        return new GatewayOutcome(PaymentStatus.RequiresAction, id, NextActionType: "redirect", NextActionUrl: LinkUrl(current, redirect, market, id));
    }

    /// <summary>Tink Link's payment URL: only the public client id, never the secret.</summary>
    public static string LinkUrl(TinkOptions options, string redirectUri, string market, string paymentRequestId)
    {
        var query = new (string Key, string Value)[]
        {
            ("client_id", options.ClientId ?? string.Empty),
            ("redirect_uri", redirectUri),
            ("market", market),
            ("locale", options.Locale ?? $"en_{market}"),
            ("payment_request_id", paymentRequestId),
        };
        return options.LinkUrl + "?" + string.Join('&', query.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
    }

    /// <summary>Nothing to capture: a sent transfer is the payment.</summary>
    public Task<GatewayOutcome> CaptureAsync(GatewayPaymentLookup payment, string idempotencyKey, CancellationToken cancellationToken) =>
        SyncAsync(payment, cancellationToken);

    public async Task<GatewayOutcome> SyncAsync(GatewayPaymentLookup payment, CancellationToken cancellationToken)
    {
        if (payment.ProviderReference is null)
        {
            // Our creation timed out before we learnt the request's id. Only Tink knows that id, and no
            // payer can reach a payment request without it in a Tink Link URL: no money can ever move.
            // Not a failure of the payer or the bank: the attempt is canceled, and a new one may be made.
            return new GatewayOutcome(
                PaymentStatus.Canceled, null, FailureCode: GatewayFailureCodes.Expired,
                FailureMessage: "Tink's answer to the payment's creation was lost; no payer was sent to pay it.");
        }

        var id = payment.ProviderReference;
        var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"api/v1/payments/requests/{Uri.EscapeDataString(id)}/transfers"), cancellationToken);
        var body = await GatewayHttp.ReadJsonAsync(response, GatewayName, cancellationToken);
        return body["paymentRequestCreatedTransfers"] is JsonArray transfers
            ? TinkStatuses.FromTransfers(id, transfers)
            : throw new GatewayException(GatewayName, GatewayErrorKind.UnexpectedResponse, null, "Tink answered the transfers without 'paymentRequestCreatedTransfers'.");
    }

    /// <summary>
    /// Tink documents no cancel: an unfinished flow cancels itself after 9 minutes. Reconciliation asks
    /// only long after that (a day), so a request the payer never started is over: canceled. Any other
    /// status is the answer as it stands.
    /// </summary>
    public async Task<GatewayOutcome> CancelAsync(GatewayPaymentLookup payment, string idempotencyKey, CancellationToken cancellationToken)
    {
        var current = await SyncAsync(payment, cancellationToken);
        return current.Status == PaymentStatus.RequiresAction
            ? current with { Status = PaymentStatus.Canceled, FailureCode = GatewayFailureCodes.Expired, FailureMessage = "The payer never started the payment." }
            : current;
    }

    /// <summary>Tink's one-time payments have no refund call: the refund fails at once, and must be paid back another way.</summary>
    public Task<GatewayRefundOutcome> RefundAsync(GatewayRefundRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new GatewayRefundOutcome(PaymentStatus.Failed, null, RefundNotSupported));

    public Task<WebhookVerification> VerifyWebhookAsync(WebhookRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(TinkWebhooks.Verify(request, options.Value));

    public void Dispose() => _tokens.Dispose();

    /// <summary>The code of a Tink error answer (API errors carry <c>errorCode</c>; OAuth errors <c>error</c>).</summary>
    public static string? ErrorCode(JsonNode? body) => body.Text("errorCode") ?? body.Text("error");

    /// <summary>
    /// Sends with the cached token. A 401 means the token died early (revoked, clock skew): it is
    /// dropped and the request sent once more with a new one; a second 401 is an authentication fault.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> build, CancellationToken ct)
    {
        var token = await _tokens.GetAsync(ct);
        var response = await SendAsync(build(), token, ct, HttpStatusCode.Unauthorized);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        response.Dispose();
        _tokens.Invalidate(token);
        return await SendAsync(build(), await _tokens.GetAsync(ct), ct);
    }

    private Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string token, CancellationToken ct, params HttpStatusCode[] accepted)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return GatewayHttp.SendAsync(clients.CreateClient(GatewayName), GatewayName, request, ct, ErrorCode, accepted);
    }

    private static StringContent Json(string json)
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static GatewayException Invalid(string code, string message) => new(GatewayName, GatewayErrorKind.InvalidRequest, code, message);
}
