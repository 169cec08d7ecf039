using CleanPrepay.Application.Common.Contracts;

namespace CleanPrepay.Application.Webhooks.ListWebhookDeliveries;

internal sealed class ListWebhookDeliveriesValidator : PagedQueryValidator<ListWebhookDeliveriesQuery>;
