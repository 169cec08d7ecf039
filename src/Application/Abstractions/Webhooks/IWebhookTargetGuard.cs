namespace CleanPrepay.Application.Abstractions.Webhooks;

/// <summary>
/// Decides whether we may send to a URL (SSRF): https to public addresses only, unless private networks are
/// allowed by configuration. Checked when an endpoint is saved, and again on every send against the addresses
/// the name resolves to then.
/// </summary>
public interface IWebhookTargetGuard
{
    /// <summary>Null when allowed, else why not (for the problem's detail).</summary>
    Task<string?> RefusalAsync(Uri url, CancellationToken cancellationToken);
}
