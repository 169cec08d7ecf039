using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Webhooks.GetWebhookEndpoint;

public sealed record GetWebhookEndpointQuery(string EndpointId) : IQuery<WebhookEndpointDto>;
