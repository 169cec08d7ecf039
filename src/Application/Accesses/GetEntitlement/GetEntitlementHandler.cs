using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;

namespace CleanPrepay.Application.Accesses.GetEntitlement;

internal sealed class GetEntitlementHandler(IEntitlementReader entitlements, TimeProvider time) : IQueryHandler<GetEntitlementQuery, EntitlementDto>
{
    public async Task<Result<EntitlementDto>> Handle(GetEntitlementQuery r, CancellationToken cancellationToken)
    {
        var grants = await entitlements.ActiveGrantsAsync(r.CustomerId, r.VideoId, time.GetUtcNow(), cancellationToken);
        if (grants.Count == 0)
        {
            return new EntitlementDto(false, null, null);
        }

        // The longest-lasting grant answers: one that never expires beats any other.
        var best = grants.OrderBy(g => g.ExpiresAt is null ? 0 : 1).ThenByDescending(g => g.ExpiresAt).First();
        return new EntitlementDto(true, best.ExpiresAt, best.Kind);
    }
}
