namespace CleanPrepay.Infrastructure.Gateways.Stripe;

/// <summary>Section <c>Gateways:Stripe</c>. The keys come from configuration only and are never logged.</summary>
public sealed class StripeOptions : GatewayOptions
{
    public StripeOptions() => BaseUrl = "https://api.stripe.com";

    /// <summary><c>sk_test_…</c> or <c>sk_live_…</c> (or a restricted <c>rk_…</c> key); the key decides the mode.</summary>
    public string? SecretKey { get; set; }

    /// <summary>The endpoint's signing secret, <c>whsec_…</c>.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Further signing secrets accepted while a secret is being rolled.</summary>
    public List<string> PreviousWebhookSecrets { get; set; } = [];

    /// <summary>How far a signature's timestamp may be from now (stripe-node's default: 300 s).</summary>
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>
    /// Where 3-D Secure brings the payer back when a request gives no <c>returnUrl</c>. Without either,
    /// Stripe answers <c>next_action.use_stripe_sdk</c>, which only Stripe.js with the intent's client
    /// secret can complete.
    /// </summary>
    public string? ReturnUrl { get; set; }

    /// <summary>
    /// The platform's page where a payer completes an off-session charge their bank wanted them for
    /// (Stripe.js confirms the intent there); <c>{paymentId}</c> becomes our payment id. It is the link
    /// of the <c>payment_action_required</c> email (ADR 0038).
    /// </summary>
    public string? OffSessionActionUrl { get; set; }

    /// <summary>The API version we speak, pinned to the published spec our contract tests check against.</summary>
    public string ApiVersion { get; set; } = "2023-08-16";

    public override bool HasCredentials => !string.IsNullOrWhiteSpace(SecretKey);

    public IEnumerable<string> WebhookSecrets =>
        new[] { WebhookSecret }.Concat(PreviousWebhookSecrets).Where(s => !string.IsNullOrEmpty(s)).Select(s => s!);
}
