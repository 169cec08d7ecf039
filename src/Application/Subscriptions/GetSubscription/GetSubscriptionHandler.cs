using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Domain.Common;

namespace CleanPrepay.Application.Subscriptions.GetSubscription;

internal sealed class GetSubscriptionHandler(SubscriptionReads reads, ICurrentUser user) : IQueryHandler<GetSubscriptionQuery, SubscriptionDto>
{
    public async Task<Result<SubscriptionDto>> Handle(GetSubscriptionQuery r, CancellationToken ct)
    {
        var dto = await reads.LoadAsync(r.SubscriptionId, ct);
        return dto is null || (!user.IsAdmin && dto.CustomerId != user.CustomerId) ? SubscriptionReads.NotFound : dto;
    }
}
