namespace CleanPrepay.Infrastructure.Integrations.Mailchimp;

/// <summary>Integrations:Mailchimp: the newsletter sync is on once an API key and a list (audience) id are set.</summary>
public sealed class MailchimpOptions
{
    public const string Section = "Integrations:Mailchimp";

    /// <summary>A secret: "…-us21", the part after the dash is the data centre.</summary>
    public string? ApiKey { get; set; }

    public string? ListId { get; set; }

    /// <summary>Overrides https://{dc}.api.mailchimp.com (a local fake in tests).</summary>
    public string? BaseUrl { get; set; }

    /// <summary>A secret: what Mailchimp's webhook must carry in its query (?secret=…) to be believed.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Mailchimp allows 10 simultaneous connections per account; this instance stays below that.</summary>
    public int MaxConnections { get; set; } = 4;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait after a 429 that names no delay (Mailchimp sends no Retry-After).</summary>
    public TimeSpan RateLimitedWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long to wait after a 5xx, a timeout or a refused key before trying again. These waits use up no attempt:
    /// a newsletter choice (an unsubscribe above all) is kept until Mailchimp takes it, however long it is away.
    /// </summary>
    public TimeSpan OutageWait { get; set; } = TimeSpan.FromMinutes(1);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ApiKey) && !string.IsNullOrWhiteSpace(ListId);

    public Uri ApiRoot()
    {
        if (!string.IsNullOrWhiteSpace(BaseUrl))
        {
            return new Uri(BaseUrl.TrimEnd('/') + "/");
        }

        var dash = ApiKey!.LastIndexOf('-');
        var dataCentre = dash > 0 ? ApiKey[(dash + 1)..] : throw new InvalidOperationException("Integrations:Mailchimp:ApiKey ends in -<data centre>, e.g. -us21.");
        return new Uri($"https://{dataCentre}.api.mailchimp.com/");
    }
}
