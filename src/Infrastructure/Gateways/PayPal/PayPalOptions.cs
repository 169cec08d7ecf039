namespace CleanPrepay.Infrastructure.Gateways.PayPal;

/// <summary>Section <c>Gateways:PayPal</c>. The client secret comes from configuration only and is never logged.</summary>
public sealed class PayPalOptions : GatewayOptions
{
    public PayPalOptions() => BaseUrl = "https://api-m.sandbox.paypal.com";

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The id PayPal gave the webhook endpoint; verify-webhook-signature needs it.</summary>
    public string? WebhookId { get; set; }

    /// <summary>Where the payer returns after approving, when the request gives no return URL.</summary>
    public string? ReturnUrl { get; set; }

    /// <summary>Where the payer lands after cancelling at PayPal.</summary>
    public string? CancelUrl { get; set; }

    /// <summary>A token is renewed this long before PayPal says it expires.</summary>
    public TimeSpan TokenRenewalMargin { get; set; } = TimeSpan.FromMinutes(5);

    public override bool HasCredentials => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);
}
