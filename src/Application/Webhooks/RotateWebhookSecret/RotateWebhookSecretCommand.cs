using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Webhooks.RotateWebhookSecret;

/// <summary>A new secret, shown once; deliveries carry both signatures for 24 h.</summary>
public sealed record RotateWebhookSecretCommand(string EndpointId) : ICommand<WebhookEndpointDto>;
