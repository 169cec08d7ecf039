using CleanPrepay.Domain.Webhooks;

namespace CleanPrepay.Application.Webhooks;

/// <summary>One delivery in an endpoint's log: its <c>webhook-id</c> is <see cref="Id"/>.</summary>
public sealed record WebhookDeliveryDto(
    string Id,
    string EndpointId,
    string EventId,
    string EventType,
    WebhookDeliveryStatus Status,
    int Attempts,
    int? ResponseStatus,
    string? LastError,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset CreatedAt)
{
    public static WebhookDeliveryDto From(WebhookDelivery d) =>
        new(d.Id, d.EndpointId, d.EventId, d.EventType, d.Status, d.Attempts, d.ResponseStatus, d.LastError,
            d.Status == WebhookDeliveryStatus.Pending ? d.NextAttemptAt : null, d.LastAttemptAt, d.CreatedAt);
}
