using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Webhooks.GetWebhookEndpoint;

internal sealed class GetWebhookEndpointHandler(IApplicationDbContext db) : IQueryHandler<GetWebhookEndpointQuery, WebhookEndpointDto>
{
    public async Task<Result<WebhookEndpointDto>> Handle(GetWebhookEndpointQuery request, CancellationToken ct) =>
        await db.WebhookEndpoints.AsNoTracking().FirstOrDefaultAsync(e => e.Id == request.EndpointId, ct) is { } endpoint
            ? WebhookEndpointDto.From(endpoint)
            : WebhookEndpointErrors.EndpointNotFound;
}
