using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Common.Contracts;

namespace CleanPrepay.Application.Webhooks.ListWebhookEndpoints;

public sealed record ListWebhookEndpointsQuery(int? Limit, string? Cursor) : IQuery<Page<WebhookEndpointDto>>, IPagedQuery;
