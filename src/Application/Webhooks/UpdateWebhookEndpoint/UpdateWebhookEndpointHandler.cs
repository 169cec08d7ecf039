using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Abstractions.Webhooks;
using CleanPrepay.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Webhooks.UpdateWebhookEndpoint;

internal sealed class UpdateWebhookEndpointHandler(IApplicationDbContext db, IWebhookTargetGuard guard)
    : ICommandHandler<UpdateWebhookEndpointCommand, WebhookEndpointDto>
{
    public async Task<Result<WebhookEndpointDto>> Handle(UpdateWebhookEndpointCommand request, CancellationToken ct)
    {
        if (await db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == request.EndpointId, ct) is not { } endpoint)
        {
            return WebhookEndpointErrors.EndpointNotFound;
        }

        if (request.Url is not null && await guard.RefusalAsync(new Uri(request.Url), ct) is { } why)
        {
            return WebhookEndpointErrors.UrlNotAllowed(why);
        }

        endpoint.Update(request.Url, request.Events?.Select(e => e!).ToList(), request.Description, request.Enabled);
        return WebhookEndpointDto.From(endpoint);
    }
}
