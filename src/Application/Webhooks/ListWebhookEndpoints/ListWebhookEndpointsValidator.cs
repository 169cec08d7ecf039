using CleanPrepay.Application.Common.Contracts;

namespace CleanPrepay.Application.Webhooks.ListWebhookEndpoints;

internal sealed class ListWebhookEndpointsValidator : PagedQueryValidator<ListWebhookEndpointsQuery>;
