using CleanPrepay.Domain.Webhooks;

namespace CleanPrepay.Application.Webhooks;

/// <summary>An endpoint as staff see it; <see cref="Secret"/> only in the answers that create or rotate it.</summary>
public sealed record WebhookEndpointDto(
    string Id,
    string Url,
    IReadOnlyList<string> Events,
    string? Description,
    bool Enabled,
    string? Secret,
    DateTimeOffset? FailingSince,
    DateTimeOffset? DisabledAt,
    DateTimeOffset CreatedAt)
{
    public static WebhookEndpointDto From(WebhookEndpoint e, bool withSecret = false) =>
        new(e.Id, e.Url, e.Events, e.Description, e.Enabled, withSecret ? e.Secret : null, e.FailingSince, e.DisabledAt, e.CreatedAt);
}
