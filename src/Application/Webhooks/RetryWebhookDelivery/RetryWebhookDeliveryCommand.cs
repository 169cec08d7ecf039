using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Webhooks.RetryWebhookDelivery;

/// <summary>Sends a delivery again now (same webhook-id, new timestamp and signature), whatever its state.</summary>
public sealed record RetryWebhookDeliveryCommand(string DeliveryId) : ICommand<WebhookDeliveryDto>;
