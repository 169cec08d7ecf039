using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Webhooks.RotateWebhookSecret;

internal sealed class RotateWebhookSecretHandler(IApplicationDbContext db, TimeProvider time) : ICommandHandler<RotateWebhookSecretCommand, WebhookEndpointDto>
{
    public async Task<Result<WebhookEndpointDto>> Handle(RotateWebhookSecretCommand request, CancellationToken ct)
    {
        if (await db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == request.EndpointId, ct) is not { } endpoint)
        {
            return WebhookEndpointErrors.EndpointNotFound;
        }

        endpoint.RotateSecret(time.GetUtcNow());
        return WebhookEndpointDto.From(endpoint, withSecret: true);
    }
}
