using CleanPrepay.Domain.Payments;

namespace CleanPrepay.Application.Abstractions.Gateways;

/// <summary>A notification as received: the raw body (signatures are over the exact bytes) and the headers.</summary>
public sealed class WebhookRequest(IReadOnlyDictionary<string, string> headers, byte[] body, DateTimeOffset receivedAt)
{
    private readonly Dictionary<string, string> _headers = new(headers, StringComparer.OrdinalIgnoreCase);

    public byte[] Body { get; } = body;

    public DateTimeOffset ReceivedAt { get; } = receivedAt;

    public string? Header(string name) => _headers.GetValueOrDefault(name);

    /// <summary>Signatures and bodies stay out of logs.</summary>
    public override string ToString() => $"WebhookRequest {{ Bytes = {Body.Length} }}";
}

public enum GatewayEventSubject
{
    Payment,
    Refund,
}

/// <summary>
/// One verified fact from a provider: a payment or refund reached a status. <see cref="EventId"/>
/// is unique per fact at that provider, so the inbox can apply it exactly once.
/// <see cref="PaymentReference"/> is our own id of the payment (or refund) when the provider echoes it,
/// for the case where our call timed out before we learnt the provider's id.
/// </summary>
public sealed record GatewayEvent(
    string EventId,
    string Type,
    GatewayEventSubject Subject,
    string ProviderReference,
    PaymentStatus Status,
    string? FailureCode = null,
    string? FailureMessage = null,
    string? PaymentReference = null)
{
    public GatewayOutcome ToOutcome() => new(Status, ProviderReference, FailureCode: FailureCode, FailureMessage: FailureMessage);
}

/// <summary>The answer of a webhook check: verified with its events (maybe none), or rejected with a reason.</summary>
public sealed record WebhookVerification(bool Verified, string? Reason, IReadOnlyList<GatewayEvent> Events)
{
    public static WebhookVerification Rejected(string reason) => new(false, reason, []);

    public static WebhookVerification Accepted(params GatewayEvent[] events) => new(true, null, events);
}

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
