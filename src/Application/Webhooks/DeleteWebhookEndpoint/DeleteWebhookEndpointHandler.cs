using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Webhooks.DeleteWebhookEndpoint;

internal sealed class DeleteWebhookEndpointHandler(IApplicationDbContext db) : ICommandHandler<DeleteWebhookEndpointCommand, bool>
{
    public async Task<Result<bool>> Handle(DeleteWebhookEndpointCommand request, CancellationToken ct)
    {
        if (await db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == request.EndpointId, ct) is not { } endpoint)
        {
            return WebhookEndpointErrors.EndpointNotFound;
        }

        db.WebhookEndpoints.Remove(endpoint); // its deliveries go with it (cascade)
        return true;
    }
}
