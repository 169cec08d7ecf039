using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Webhooks.UpdateWebhookEndpoint;

/// <summary>Changes the given fields; enabling a disabled endpoint starts its five failing days again.</summary>
public sealed record UpdateWebhookEndpointCommand(string EndpointId, string? Url, IReadOnlyList<string?>? Events, string? Description, bool? Enabled)
    : ICommand<WebhookEndpointDto>;
