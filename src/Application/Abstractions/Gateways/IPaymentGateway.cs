using CleanPrepay.Domain.Payments;

namespace CleanPrepay.Application.Abstractions.Gateways;

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
