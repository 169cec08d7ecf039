using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Catalog;
using CleanPrepay.Domain.Accesses;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Accesses.GrantAccess;

internal sealed class GrantAccessHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider time) : ICommandHandler<GrantAccessCommand, AccessDto>
{
    public async Task<Result<AccessDto>> Handle(GrantAccessCommand r, CancellationToken cancellationToken)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == r.CustomerId, cancellationToken))
        {
            return CustomerErrors.NotFound;
        }

        if (r.VideoId is not null && !await db.Videos.AnyAsync(v => v.Id == r.VideoId, cancellationToken))
        {
            return CatalogInput.VideoNotFound;
        }

        if (r.PlanId is not null && !await db.Plans.AnyAsync(p => p.Id == r.PlanId, cancellationToken))
        {
            return CatalogInput.PlanNotFound;
        }

        var now = time.GetUtcNow();
        var access = Access.Grant(r.CustomerId, AccessKind.Manual, r.VideoId, r.PlanId, null, r.StartsAt ?? now, r.ExpiresAt, r.Reason, user.Actor, grantedAt: now);
        db.Accesses.Add(access);
        return AccessDto.From(access, now);
    }
}
