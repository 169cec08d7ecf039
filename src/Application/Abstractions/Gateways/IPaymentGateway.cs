using CleanPrepay.Domain.Payments;
using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Application.Abstractions.Gateways;

/// <summary>
/// What we ask a gateway to take. The payment method is a provider token or absent (a redirect
/// checkout), never card data: card numbers only ever reach the provider (PCI-DSS SAQ A, ADR 0020).
/// </summary>
public sealed record GatewayPaymentRequest(
    string PaymentId,
    Money Amount,
    string? PaymentMethod,
    string IdempotencyKey,
    string CustomerId,
    string Description)
{
    /// <summary>False to authorise only; the money is then taken by <see cref="IPaymentGateway.CaptureAsync"/>.</summary>
    public bool Capture { get; init; } = true;

    /// <summary>Where a redirect checkout sends the payer back to.</summary>
    public string? ReturnUrl { get; init; }

    /// <summary>Where the provider posts its notifications for this payment (Mollie, Swish).</summary>
    public string? NotificationUrl { get; init; }

    /// <summary>ISO 3166 alpha-2 of the payer, when known (markets, locales).</summary>
    public string? Country { get; init; }

    /// <summary>The token is a credential: keep it out of logs and ToString.</summary>
    public override string ToString() => $"GatewayPaymentRequest {{ PaymentId = {PaymentId}, Amount = {Amount} }}";
}

/// <summary>Which payment to pull: ours and, once known, the provider's id for it.</summary>
public sealed record GatewayPaymentLookup(string PaymentId, string? ProviderReference, Money Amount);

/// <summary>A refund of part or all of a captured payment.</summary>
public sealed record GatewayRefundRequest(string RefundId, string ProviderReference, Money Amount, string IdempotencyKey);

/// <summary>What a gateway can do, for routing and validation.</summary>
/// <param name="AmountFixedAtCreation">
/// The provider holds the amount from the creation on (every real provider): an open payment's amount
/// cannot change by changing our record. Only the stateless sandbox takes the new amount at confirm.
/// </param>
public sealed record GatewayCapabilities(
    IReadOnlySet<string>? Currencies,
    bool RequiresPaymentMethod,
    bool Instant,
    bool AmountFixedAtCreation = true)
{
    public bool Supports(string currency) => Currencies is null || Currencies.Contains(currency);
}

/// <summary>
/// The port every payment provider adapter implements: create (authorise or capture), capture,
/// sync, refund, cancel, and webhook verification. Everything it answers is provider-neutral:
/// <see cref="GatewayOutcome"/> and <see cref="GatewayRefundOutcome"/> carry the neutral
/// <see cref="PaymentStatus"/> and a code from <see cref="GatewayFailureCodes"/>; transport and
/// provider errors are a <see cref="GatewayException"/> (ADR 0020).
/// </summary>
public interface IPaymentGateway
{
    /// <summary>The lower-case name used in requests and routes: <c>sandbox</c>, <c>stripe</c>, …</summary>
    string Name { get; }

    GatewayCapabilities Capabilities { get; }

    /// <summary>Whether the token has this provider's shape; a malformed token is a 400 before any money moves.</summary>
    bool AcceptsPaymentMethod(string? paymentMethod);

    /// <summary>Creates the payment and, where a token allows, authorises or captures it at once.</summary>
    Task<GatewayOutcome> CreatePaymentAsync(GatewayPaymentRequest request, CancellationToken cancellationToken);

    /// <summary>The payer says the action is done (3-D Secure, a redirect): finish what our side must do.</summary>
    Task<GatewayOutcome> ConfirmPaymentAsync(GatewayPaymentLookup payment, CancellationToken cancellationToken) =>
        SyncAsync(payment, cancellationToken);

    /// <summary>Takes the money of an authorised payment.</summary>
    Task<GatewayOutcome> CaptureAsync(GatewayPaymentLookup payment, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Pulls the provider's current status, also for a payment whose creation timed out (no reference yet).</summary>
    Task<GatewayOutcome> SyncAsync(GatewayPaymentLookup payment, CancellationToken cancellationToken);

    /// <summary>Cancels a payment that has not taken money yet.</summary>
    Task<GatewayOutcome> CancelAsync(GatewayPaymentLookup payment, string idempotencyKey, CancellationToken cancellationToken);

    Task<GatewayRefundOutcome> RefundAsync(GatewayRefundRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// For an adapter that verifies a notification by asking the provider (Mollie, SecurionPay, Swish,
    /// PayPal): what the body names, read without any call. Null for one verified offline by a signature.
    /// </summary>
    WebhookClaim? ReadWebhookClaim(WebhookRequest request) => null;

    /// <summary>Checks that a notification comes from the provider, and says what it reports. Never changes anything.</summary>
    Task<WebhookVerification> VerifyWebhookAsync(WebhookRequest request, CancellationToken cancellationToken);
}

/// <summary>Finds the configured gateway adapter by name.</summary>
public interface IPaymentGatewayRegistry
{
    IPaymentGateway? Find(string name);

    IReadOnlyCollection<string> Names { get; }
}

/// <summary>Chooses a gateway when a request names none: by currency and country, in a configured fallback order.</summary>
public interface IGatewayRouter
{
    /// <returns>The first configured, available gateway for the route that takes the currency and token; null when none.</returns>
    string? Route(string currency, string? country, string? paymentMethod);
}
