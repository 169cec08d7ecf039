using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Abstractions.Webhooks;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Webhooks;

namespace CleanPrepay.Application.Webhooks.CreateWebhookEndpoint;

internal sealed class CreateWebhookEndpointHandler(IApplicationDbContext db, IWebhookTargetGuard guard, TimeProvider time)
    : ICommandHandler<CreateWebhookEndpointCommand, WebhookEndpointDto>
{
    public async Task<Result<WebhookEndpointDto>> Handle(CreateWebhookEndpointCommand request, CancellationToken ct)
    {
        if (await guard.RefusalAsync(new Uri(request.Url!), ct) is { } why)
        {
            return WebhookEndpointErrors.UrlNotAllowed(why);
        }

        var endpoint = WebhookEndpoint.Create(request.Url!, [.. request.Events!.Select(e => e!)], request.Description, time.GetUtcNow());
        db.WebhookEndpoints.Add(endpoint);
        return WebhookEndpointDto.From(endpoint, withSecret: true);
    }
}
