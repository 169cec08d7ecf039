using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Webhooks.CreateWebhookEndpoint;

/// <summary>Registers where our events go; the answer is the only one, with rotation's, that shows the secret.</summary>
public sealed record CreateWebhookEndpointCommand(string? Url, IReadOnlyList<string?>? Events, string? Description) : ICommand<WebhookEndpointDto>;
