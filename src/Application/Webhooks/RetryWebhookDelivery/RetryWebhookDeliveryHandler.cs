using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Webhooks.RetryWebhookDelivery;

internal sealed class RetryWebhookDeliveryHandler(IApplicationDbContext db, TimeProvider time) : ICommandHandler<RetryWebhookDeliveryCommand, WebhookDeliveryDto>
{
    public async Task<Result<WebhookDeliveryDto>> Handle(RetryWebhookDeliveryCommand request, CancellationToken ct)
    {
        if (await db.WebhookDeliveries.FirstOrDefaultAsync(d => d.Id == request.DeliveryId, ct) is not { } delivery)
        {
            return WebhookEndpointErrors.DeliveryNotFound;
        }

        var retried = delivery.RetryNow(time.GetUtcNow());
        return retried.IsSuccess ? WebhookDeliveryDto.From(delivery) : retried.Error;
    }
}
