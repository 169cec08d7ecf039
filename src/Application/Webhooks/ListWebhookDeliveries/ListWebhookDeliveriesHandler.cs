using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Webhooks.ListWebhookDeliveries;

internal sealed class ListWebhookDeliveriesHandler(IApplicationDbContext db) : IQueryHandler<ListWebhookDeliveriesQuery, Page<WebhookDeliveryDto>>
{
    public async Task<Result<Page<WebhookDeliveryDto>>> Handle(ListWebhookDeliveriesQuery request, CancellationToken ct)
    {
        if (!await db.WebhookEndpoints.AsNoTracking().AnyAsync(e => e.Id == request.EndpointId, ct))
        {
            return WebhookEndpointErrors.EndpointNotFound;
        }

        var take = request.Limit ?? Cursor.DefaultLimit;
        var query = db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == request.EndpointId);
        if (Cursor.TryDecode(request.Cursor, out var after))
        {
            query = query.Where(d => string.Compare(d.Id, after) < 0);
        }

        var rows = await query.OrderByDescending(d => d.Id).Take(take + 1).ToListAsync(ct);
        return Cursor.ToPage(rows, take, d => d.Id, WebhookDeliveryDto.From);
    }
}
