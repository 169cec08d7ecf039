namespace CleanPrepay.Application.Abstractions.Gateways;

/// <summary>
/// What an unverified notification says it is about, read from the body alone: the provider's ids and
/// any of our own ids it echoes (ADR 0031). Only one naming something of ours is worth asking the
/// provider about, so an anonymous prober cannot make us call out, spend our quota or trip a breaker.
/// </summary>
public sealed record WebhookClaim(IReadOnlyList<string> References, string? Unreadable = null)
{
    /// <summary>The body is not this provider's notification: refused without any call.</summary>
    public static WebhookClaim Malformed(string reason) => new([], reason);

    public static WebhookClaim Naming(params string?[] references) =>
        new(references.Where(r => !string.IsNullOrEmpty(r) && r.Length <= 255).Select(r => r!).Distinct(StringComparer.Ordinal).ToArray());
}
