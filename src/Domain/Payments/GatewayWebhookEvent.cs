namespace CleanPrepay.Domain.Payments;

/// <summary>
/// The inbox row of one verified provider event. Unique on (gateway, event id): a replayed or
/// re-delivered event finds its row and changes nothing a second time.
/// </summary>
public sealed class GatewayWebhookEvent
{
    private GatewayWebhookEvent()
    {
    }

    public string Id { get; private set; } = string.Empty;

    public string Gateway { get; private set; } = string.Empty;

    public string EventId { get; private set; } = string.Empty;

    public string Type { get; private set; } = string.Empty;

    public string ProviderReference { get; private set; } = string.Empty;

    /// <summary>The neutral status the event reported.</summary>
    public PaymentStatus Status { get; private set; }

    /// <summary>What processing did: <c>applied</c>, <c>unchanged</c> (already final or no news), <c>unknown_payment</c>.</summary>
    public string Result { get; private set; } = string.Empty;

    /// <summary>Our payment or refund the event was applied to, when found.</summary>
    public string? TargetId { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    public static GatewayWebhookEvent Processed(
        string gateway, string eventId, string type, string providerReference, PaymentStatus status, string result, string? targetId, DateTimeOffset now) => new()
    {
        Id = Common.Ids.New("whe"),
        Gateway = gateway,
        EventId = eventId,
        Type = type,
        ProviderReference = providerReference,
        Status = status,
        Result = result,
        TargetId = targetId,
        ReceivedAt = now,
    };
}
