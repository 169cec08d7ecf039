using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Webhooks.DeleteWebhookEndpoint;

/// <summary>Removes the endpoint and its deliveries: nothing more is sent there.</summary>
public sealed record DeleteWebhookEndpointCommand(string EndpointId) : ICommand<bool>;
