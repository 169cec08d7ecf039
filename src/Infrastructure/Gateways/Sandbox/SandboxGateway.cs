using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Domain.Payments;

namespace CleanPrepay.Infrastructure.Gateways.Sandbox;

public sealed class SandboxOptions
{
    public const string Section = "Gateways:Sandbox";

    /// <summary>Where the simulated 3-D Secure page would live; only echoed in <c>nextAction.url</c>.</summary>
    public string RedirectBaseUrl { get; set; } = "https://sandbox.cleanprepay.invalid/3ds";
}

/// <summary>
/// The embedded default gateway. Deterministic on Stripe-style test tokens and stateless: the
/// outcome is carried in the provider reference, so it behaves the same across restarts and instances.
/// </summary>
internal sealed class SandboxGateway(Microsoft.Extensions.Options.IOptions<SandboxOptions> options) : IPaymentGateway
{
    public const string Succeeds = "pm_card_visa";
    public const string Declines = "pm_card_chargeDeclined";
    public const string RequiresThreeDSecure = "pm_card_threeDSecureRequired";

    private const string SucceededPrefix = "sbx_ok_";
    private const string DeclinedPrefix = "sbx_declined_";
    private const string ThreeDSecurePrefix = "sbx_3ds_";

    public string Name => "sandbox";

    public GatewayCapabilities Capabilities { get; } = new(Currencies: null, RequiresPaymentMethod: true, Instant: true, AmountFixedAtCreation: false);

    public static IReadOnlySet<string> KnownPaymentMethods { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Succeeds, Declines, RequiresThreeDSecure, "pm_card_mastercard",
    };

    public bool AcceptsPaymentMethod(string? paymentMethod) => paymentMethod is not null && KnownPaymentMethods.Contains(paymentMethod);

    public Task<GatewayOutcome> CreatePaymentAsync(GatewayPaymentRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(request.PaymentMethod switch
        {
            Declines => new GatewayOutcome(
                PaymentStatus.Failed, DeclinedPrefix + request.PaymentId, FailureCode: "card_declined", FailureMessage: "Your card was declined."),
            RequiresThreeDSecure => new GatewayOutcome(
                PaymentStatus.RequiresAction,
                ThreeDSecurePrefix + request.PaymentId,
                NextActionType: "redirect",
                NextActionUrl: $"{options.Value.RedirectBaseUrl.TrimEnd('/')}/{ThreeDSecurePrefix}{request.PaymentId}"),
            _ when AcceptsPaymentMethod(request.PaymentMethod) => new GatewayOutcome(PaymentStatus.Succeeded, SucceededPrefix + request.PaymentId),
            _ => new GatewayOutcome(
                PaymentStatus.Failed, null, FailureCode: "invalid_payment_method", FailureMessage: "The sandbox does not know this payment method."),
        });

    public Task<GatewayOutcome> ConfirmPaymentAsync(GatewayPaymentLookup payment, CancellationToken cancellationToken) =>
        Task.FromResult(payment.ProviderReference is { } reference && reference.StartsWith(ThreeDSecurePrefix, StringComparison.Ordinal)
            ? new GatewayOutcome(PaymentStatus.Succeeded, reference)
            : Status(payment.ProviderReference));

    /// <summary>The sandbox captures at once, so there is never anything left to capture.</summary>
    public Task<GatewayOutcome> CaptureAsync(GatewayPaymentLookup payment, string idempotencyKey, CancellationToken cancellationToken) =>
        Task.FromResult(Status(payment.ProviderReference));

    public Task<GatewayOutcome> SyncAsync(GatewayPaymentLookup payment, CancellationToken cancellationToken) =>
        Task.FromResult(Status(payment.ProviderReference));

    public Task<GatewayOutcome> CancelAsync(GatewayPaymentLookup payment, string idempotencyKey, CancellationToken cancellationToken) =>
        Task.FromResult(payment.ProviderReference is { } reference && reference.StartsWith(ThreeDSecurePrefix, StringComparison.Ordinal)
            ? new GatewayOutcome(PaymentStatus.Canceled, reference, FailureCode: GatewayFailureCodes.PayerCanceled, FailureMessage: "The payment was canceled.")
            : Status(payment.ProviderReference));

    public Task<GatewayRefundOutcome> RefundAsync(GatewayRefundRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(Status(request.ProviderReference).Status == PaymentStatus.Succeeded || request.ProviderReference.StartsWith(ThreeDSecurePrefix, StringComparison.Ordinal)
            ? new GatewayRefundOutcome(PaymentStatus.Succeeded, $"sbx_re_{request.IdempotencyKey}")
            : new GatewayRefundOutcome(PaymentStatus.Failed, null, "charge_not_refundable"));

    /// <summary>The sandbox answers every call at once and so sends no notifications: anything posted to it is refused.</summary>
    public Task<WebhookVerification> VerifyWebhookAsync(WebhookRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(WebhookVerification.Rejected("the sandbox sends no webhooks."));

    private static GatewayOutcome Status(string? reference) => reference switch
    {
        null => GatewayOutcome.NoAnswer,
        _ when reference.StartsWith(SucceededPrefix, StringComparison.Ordinal) => new(PaymentStatus.Succeeded, reference),
        _ when reference.StartsWith(DeclinedPrefix, StringComparison.Ordinal) =>
            new(PaymentStatus.Failed, reference, FailureCode: "card_declined", FailureMessage: "Your card was declined."),
        _ when reference.StartsWith(ThreeDSecurePrefix, StringComparison.Ordinal) => new(PaymentStatus.RequiresAction, reference),
        _ => new(PaymentStatus.Failed, reference, FailureCode: "unknown_payment", FailureMessage: "The sandbox has no such payment."),
    };
}
