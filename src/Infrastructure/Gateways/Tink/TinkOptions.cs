namespace CleanPrepay.Infrastructure.Gateways.Tink;

/// <summary>
/// Section <c>Gateways:Tink</c>. The client secret and the webhook secret come from configuration
/// only and are never logged; the client id is public (it is in every Tink Link URL).
/// </summary>
public sealed class TinkOptions : GatewayOptions
{
    public TinkOptions() => BaseUrl = "https://api.tink.com";

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The market used when the payer's country is not a Tink market for the payment's currency (ISO 3166, e.g. <c>SE</c>).</summary>
    public string? Market { get; set; }

    /// <summary>Tink Link's locale; unset: <c>en_&lt;market&gt;</c>, as in Tink's example (<c>en_SE</c>).</summary>
    public string? Locale { get; set; }

    /// <summary>Where Tink Link sends the payer back when the payment names no return URL; must be registered in Tink Console.</summary>
    public string? RedirectUri { get; set; }

    public string LinkUrl { get; set; } = "https://link.tink.com/1.0/pay/";

    /// <summary>Who receives the money, as shown to the payer.</summary>
    public string? RecipientName { get; set; }

    /// <summary>Our account, used for every currency without its own entry in <see cref="RecipientAccounts"/>.</summary>
    public TinkAccount Recipient { get; set; } = new();

    /// <summary>Our account per currency (<c>SEK</c> → a Swedish bankgiro, …), when one account does not fit all.</summary>
    public Dictionary<string, TinkAccount> RecipientAccounts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The webhook endpoint's secret, shown once when the endpoint is registered.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Further secrets accepted while an endpoint's secret is being replaced.</summary>
    public List<string> PreviousWebhookSecrets { get; set; } = [];

    /// <summary>How far a signature's timestamp may be from now; Tink advises at least 5 minutes.</summary>
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>A token is replaced this long before Tink says it expires (it lives 1800 s).</summary>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromSeconds(60);

    public override bool HasCredentials => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);

    public TinkAccount? AccountFor(string currency) =>
        RecipientAccounts.TryGetValue(currency, out var account) && account.IsSet ? account : Recipient.IsSet ? Recipient : null;

    public IEnumerable<string> WebhookSecrets =>
        new[] { WebhookSecret }.Concat(PreviousWebhookSecrets).Where(s => !string.IsNullOrEmpty(s)).Select(s => s!);
}

/// <summary>A recipient account in Tink's terms: its number and type (<c>iban</c>, <c>se</c>, <c>se-bg</c>, <c>se-pg</c>, <c>sort-code</c>).</summary>
public sealed class TinkAccount
{
    public string? AccountNumber { get; set; }

    public string AccountType { get; set; } = "iban";

    public bool IsSet => !string.IsNullOrWhiteSpace(AccountNumber);
}
