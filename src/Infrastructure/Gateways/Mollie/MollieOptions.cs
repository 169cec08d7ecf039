namespace CleanPrepay.Infrastructure.Gateways.Mollie;

/// <summary>Section <c>Gateways:Mollie</c>. The key comes from configuration only and is never logged.</summary>
public sealed class MollieOptions : GatewayOptions
{
    public MollieOptions() => BaseUrl = "https://api.mollie.com";

    /// <summary><c>test_…</c> or <c>live_…</c>; the key decides the mode (test and live share the base URL).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Where Mollie sends the payer back when a request names no <c>ReturnUrl</c>; Mollie requires one.</summary>
    public string? RedirectUrl { get; set; }

    /// <summary>The method ids accepted when <see cref="Methods"/> is not configured: only ids read in Mollie's documentation.</summary>
    public static IReadOnlyList<string> DefaultMethods { get; } = ["applepay", "bancontact", "banktransfer", "belfius", "creditcard", "ideal", "kbc", "paypal"];

    /// <summary>
    /// The Mollie method ids a request may name (Mollie then skips its method selection screen); null
    /// means <see cref="DefaultMethods"/>. With no method the payer chooses on Mollie's checkout.
    /// (A list, not a default value: configuration binding appends to a non-empty list.)
    /// </summary>
    public List<string>? Methods { get; set; }

    public IReadOnlyList<string> AcceptedMethods => Methods is { Count: > 0 } configured ? configured : DefaultMethods;

    /// <summary>The amount of the <c>first</c> payment that sets a mandate up, in the currency's minor units (Mollie's minimum: 0.01 EUR).</summary>
    public long FirstPaymentMinorUnits { get; set; } = 1;

    public override bool HasCredentials => !string.IsNullOrWhiteSpace(ApiKey);
}
