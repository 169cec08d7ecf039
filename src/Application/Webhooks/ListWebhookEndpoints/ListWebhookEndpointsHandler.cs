using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Webhooks.ListWebhookEndpoints;

internal sealed class ListWebhookEndpointsHandler(IApplicationDbContext db) : IQueryHandler<ListWebhookEndpointsQuery, Page<WebhookEndpointDto>>
{
    public async Task<Result<Page<WebhookEndpointDto>>> Handle(ListWebhookEndpointsQuery request, CancellationToken ct) =>
        await db.WebhookEndpoints.AsNoTracking().PageByIdAsync(request.Limit, request.Cursor, e => WebhookEndpointDto.From(e), ct);
}
