namespace CleanPrepay.Application.Abstractions.Gateways;

/// <summary>The answer of a webhook check: verified with its events (maybe none), or rejected with a reason.</summary>
public sealed record WebhookVerification(bool Verified, string? Reason, IReadOnlyList<GatewayEvent> Events)
{
    public static WebhookVerification Rejected(string reason) => new(false, reason, []);

    public static WebhookVerification Accepted(params GatewayEvent[] events) => new(true, null, events);
}
