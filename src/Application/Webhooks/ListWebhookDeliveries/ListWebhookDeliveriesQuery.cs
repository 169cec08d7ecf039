using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Common.Contracts;

namespace CleanPrepay.Application.Webhooks.ListWebhookDeliveries;

/// <summary>An endpoint's delivery log, newest first.</summary>
public sealed record ListWebhookDeliveriesQuery(string EndpointId, int? Limit, string? Cursor) : IQuery<Page<WebhookDeliveryDto>>, IPagedQuery;
