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

    /// <summary>Keep the method for off-session charges once the payment succeeds (Stripe <c>setup_future_usage</c>, Mollie <c>first</c>).</summary>
    public bool SaveForFutureUse { get; init; }

    /// <summary>The provider-side customer a saved method is attached to, when the provider needs one.</summary>
    public string? ProviderCustomerId { get; init; }

    /// <summary>The token is a credential: keep it out of logs and ToString.</summary>
    public override string ToString() => $"GatewayPaymentRequest {{ PaymentId = {PaymentId}, Amount = {Amount} }}";
}
