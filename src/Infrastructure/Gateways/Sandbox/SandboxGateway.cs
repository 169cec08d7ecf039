using System.Globalization;
using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Domain.PaymentMethods;
using CleanPrepay.Domain.Payments;

namespace CleanPrepay.Infrastructure.Gateways.Sandbox;

public sealed class SandboxOptions
{
    public const string Section = "Gateways:Sandbox";

    /// <summary>Where the simulated 3-D Secure page would live; only echoed in <c>nextAction.url</c>.</summary>
    public string RedirectBaseUrl { get; set; } = "https://sandbox.cleanprepay.invalid/3ds";

    /// <summary>How long a SEPA direct-debit charge stays pending before it succeeds (docs/reference/contract.md: 5 s of the sandbox's clock).</summary>
    public TimeSpan SepaSettlesAfter { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// The embedded default gateway. Deterministic on Stripe-style test tokens and stateless: the
/// outcome is carried in the provider reference, so it behaves the same across restarts and instances.
/// A saved method's reference carries the behaviour of the token it was saved from (docs/reference/contract.md).
/// </summary>
internal sealed class SandboxGateway(Microsoft.Extensions.Options.IOptions<SandboxOptions> options, TimeProvider time) : IPaymentGateway, ISavedMethodGateway
{
    public const string Succeeds = "pm_card_visa";
    public const string Declines = "pm_card_chargeDeclined";
    public const string RequiresThreeDSecure = "pm_card_threeDSecureRequired";
    public const string AuthenticationRequired = "pm_card_authenticationRequired";
    public const string DeclinedLater = "pm_card_chargeDeclinedLater";
    public const string SepaDebit = "pm_sepa_debit";
    public const string SepaDebitInvalid = "pm_sepa_debit_invalid";

    private const string SucceededPrefix = "sbx_ok_";
    private const string DeclinedPrefix = "sbx_declined_";
    private const string ThreeDSecurePrefix = "sbx_3ds_";
    private const string SepaPrefix = "sbx_sepa_";
    private const string SavedPrefix = "sbxpm_";

    /// <summary>What each saving token becomes: its kind, how its later charges behave, and what is displayed.</summary>
    private static readonly Dictionary<string, (SavedMethodKind Kind, string Behaviour, MethodDisplay Display)> Savable = new(StringComparer.Ordinal)
    {
        [Succeeds] = (SavedMethodKind.Card, "ok", new MethodDisplay("visa", "4242", 12, 2034)),
        ["pm_card_mastercard"] = (SavedMethodKind.Card, "ok", new MethodDisplay("mastercard", "4444", 12, 2034)),
        [AuthenticationRequired] = (SavedMethodKind.Card, "auth", new MethodDisplay("visa", "3184", 12, 2034)),
        [DeclinedLater] = (SavedMethodKind.Card, "declined", new MethodDisplay("visa", "0341", 12, 2034)),
        [SepaDebit] = (SavedMethodKind.SepaDebit, "sepa", new MethodDisplay("sepa_debit", "3000")),
        [SepaDebitInvalid] = (SavedMethodKind.SepaDebit, "invalid", new MethodDisplay("sepa_debit", "3002")),
    };

    public string Name => "sandbox";

    public GatewayCapabilities Capabilities { get; } = new(Currencies: null, RequiresPaymentMethod: true, Instant: true, AmountFixedAtCreation: false);

    public static IReadOnlySet<string> KnownPaymentMethods { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Succeeds, Declines, RequiresThreeDSecure, "pm_card_mastercard", AuthenticationRequired, DeclinedLater, SepaDebit, SepaDebitInvalid,
    };

    public bool NeedsProviderCustomer => false;

    public IReadOnlySet<SavedMethodKind> Kinds { get; } = new HashSet<SavedMethodKind> { SavedMethodKind.Card, SavedMethodKind.SepaDebit };

    public SavedMethodKind? KindOf(string? paymentMethod) => paymentMethod is not null && Savable.TryGetValue(paymentMethod, out var s) ? s.Kind : null;

    public Task<string> CreateCustomerAsync(GatewayCustomerRequest request, CancellationToken cancellationToken) =>
        Task.FromResult($"sbx_cus_{request.CustomerId}");

    public Task<GatewaySetupOutcome> SetupAsync(GatewaySetupRequest request, CancellationToken cancellationToken)
    {
        if (request.PaymentMethod is null || !Savable.TryGetValue(request.PaymentMethod, out var saved))
        {
            return Task.FromResult(new GatewaySetupOutcome(
                SavedMethodStatus.Failed, null, null, FailureCode: GatewayFailureCodes.InvalidPaymentMethod, FailureMessage: "The sandbox cannot save this payment method."));
        }

        var setup = $"sbx_seti_{request.SavedMethodId}";
        return Task.FromResult(saved.Behaviour == "invalid"
            ? new GatewaySetupOutcome(
                SavedMethodStatus.Failed, null, setup, saved.Display, FailureCode: "mandate_invalid",
                FailureMessage: "The bank refused the mandate: the IBAN is not valid for SEPA direct debit. Check the IBAN and the account holder's name, then set it up again.")
            : new GatewaySetupOutcome(SavedMethodStatus.Active, $"{SavedPrefix}{saved.Behaviour}_{request.SavedMethodId}", setup, saved.Display));
    }

    /// <summary>Every sandbox set-up is decided at once, so asking again answers the same.</summary>
    public Task<GatewaySetupOutcome> SyncSetupAsync(GatewaySetupLookup setup, CancellationToken cancellationToken) =>
        Task.FromResult(new GatewaySetupOutcome(SavedMethodStatus.Pending, null, setup.SetupReference));

    public Task<GatewayOutcome> ChargeSavedAsync(GatewaySavedChargeRequest request, CancellationToken cancellationToken)
    {
        var behaviour = request.Method.ProviderMethodId.StartsWith(SavedPrefix, StringComparison.Ordinal)
            ? request.Method.ProviderMethodId[SavedPrefix.Length..].Split('_')[0]
            : null;
        return Task.FromResult(behaviour switch
        {
            "ok" => new GatewayOutcome(PaymentStatus.Succeeded, SucceededPrefix + request.PaymentId),
            "auth" when request.OffSession => ThreeDSecure(request.PaymentId),
            "auth" => new GatewayOutcome(PaymentStatus.Succeeded, SucceededPrefix + request.PaymentId),
            "declined" => new GatewayOutcome(
                PaymentStatus.Failed, DeclinedPrefix + request.PaymentId, FailureCode: GatewayFailureCodes.CardDeclined, FailureMessage: "Your card was declined."),
            "sepa" => SepaPending(request.PaymentId),
            _ => new GatewayOutcome(
                PaymentStatus.Failed, null, FailureCode: GatewayFailureCodes.InvalidPaymentMethod, FailureMessage: "The sandbox has no such saved method."),
        });
    }

    /// <summary>Stateless: a revoked sandbox method is forgotten by our side, which never charges it again.</summary>
    public Task RevokeAsync(GatewaySavedMethod method, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A SEPA debit, pending; the instant it was made is in its reference (<see cref="SepaStatus"/>).</summary>
    private GatewayOutcome SepaPending(string paymentId) =>
        new(PaymentStatus.Pending, $"{SepaPrefix}{time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}_{paymentId}");

    private GatewayOutcome ThreeDSecure(string paymentId) => new(
        PaymentStatus.RequiresAction,
        ThreeDSecurePrefix + paymentId,
        NextActionType: "redirect",
        NextActionUrl: $"{options.Value.RedirectBaseUrl.TrimEnd('/')}/{ThreeDSecurePrefix}{paymentId}");

    public bool AcceptsPaymentMethod(string? paymentMethod) => paymentMethod is not null && KnownPaymentMethods.Contains(paymentMethod);

    public Task<GatewayOutcome> CreatePaymentAsync(GatewayPaymentRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(Saving(request, request.PaymentMethod switch
        {
            Declines => new GatewayOutcome(
                PaymentStatus.Failed, DeclinedPrefix + request.PaymentId, FailureCode: "card_declined", FailureMessage: "Your card was declined."),
            RequiresThreeDSecure => ThreeDSecure(request.PaymentId),
            SepaDebit => SepaPending(request.PaymentId),
            SepaDebitInvalid => new GatewayOutcome(
                PaymentStatus.Failed, DeclinedPrefix + request.PaymentId, FailureCode: "mandate_invalid", FailureMessage: "The bank refused the mandate."),
            _ when AcceptsPaymentMethod(request.PaymentMethod) => new GatewayOutcome(PaymentStatus.Succeeded, SucceededPrefix + request.PaymentId),
            _ => new GatewayOutcome(
                PaymentStatus.Failed, null, FailureCode: "invalid_payment_method", FailureMessage: "The sandbox does not know this payment method."),
        }));

    /// <summary>A payment asked to <c>save</c> leaves its method on file, as Stripe's <c>setup_future_usage</c> does.</summary>
    private static GatewayOutcome Saving(GatewayPaymentRequest request, GatewayOutcome outcome) =>
        request.SaveForFutureUse && outcome.Status != PaymentStatus.Failed && request.PaymentMethod is { } token && Savable.ContainsKey(token)
            ? outcome with { SavedMethod = Kept(token, request.PaymentId) }
            : outcome;

    /// <summary>The method a payment paid with <paramref name="token"/> leaves on file: its behaviour is in its id.</summary>
    private static SavedMethodDetails Kept(string token, string paymentId)
    {
        var saved = Savable[token];
        return new SavedMethodDetails(saved.Kind, $"{SavedPrefix}{saved.Behaviour}_{paymentId}", null, saved.Display);
    }

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

    private GatewayOutcome Status(string? reference) => reference switch
    {
        null => GatewayOutcome.NoAnswer,
        _ when reference.StartsWith(SepaPrefix, StringComparison.Ordinal) => SepaStatus(reference),
        _ when reference.StartsWith(SucceededPrefix, StringComparison.Ordinal) => new(PaymentStatus.Succeeded, reference),
        _ when reference.StartsWith(DeclinedPrefix, StringComparison.Ordinal) =>
            new(PaymentStatus.Failed, reference, FailureCode: "card_declined", FailureMessage: "Your card was declined."),
        _ when reference.StartsWith(ThreeDSecurePrefix, StringComparison.Ordinal) => new(PaymentStatus.RequiresAction, reference),
        _ => new(PaymentStatus.Failed, reference, FailureCode: "unknown_payment", FailureMessage: "The sandbox has no such payment."),
    };

    /// <summary>A SEPA debit is pending until <see cref="SandboxOptions.SepaSettlesAfter"/> has passed since it was made (the instant is in its reference).</summary>
    private GatewayOutcome SepaStatus(string reference)
    {
        var parts = reference[SepaPrefix.Length..].Split('_', 2);
        if (!long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var madeAt))
        {
            return new(PaymentStatus.Failed, reference, FailureCode: "unknown_payment", FailureMessage: "The sandbox has no such payment.");
        }

        if (time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(madeAt) < options.Value.SepaSettlesAfter)
        {
            return new(PaymentStatus.Pending, reference);
        }

        // Settled: a first debit asked to save leaves its mandate, as Mollie's paid first payment does (kept only if it was asked).
        return new(PaymentStatus.Succeeded, reference)
        {
            SavedMethod = parts.Length == 2 && parts[1].StartsWith("pay_", StringComparison.Ordinal) ? Kept(SepaDebit, parts[1]) : null,
        };
    }
}
