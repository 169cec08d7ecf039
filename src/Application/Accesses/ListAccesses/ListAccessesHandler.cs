using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Customers;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Accesses.ListAccesses;

internal sealed class ListAccessesHandler(IApplicationDbContext db, TimeProvider time) : IQueryHandler<ListAccessesQuery, Page<AccessDto>>
{
    public async Task<Result<Page<AccessDto>>> Handle(ListAccessesQuery r, CancellationToken cancellationToken)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == r.CustomerId, cancellationToken))
        {
            return CustomerErrors.NotFound;
        }

        var now = time.GetUtcNow();
        var query = db.Accesses.AsNoTracking().Where(a => a.CustomerId == r.CustomerId);
        if (r.Active is { } active)
        {
            query = active
                ? query.Where(a => a.RevokedAt == null && a.StartsAt <= now && (a.ExpiresAt == null || a.ExpiresAt > now))
                : query.Where(a => a.RevokedAt != null || a.StartsAt > now || (a.ExpiresAt != null && a.ExpiresAt <= now));
        }

        return await query.PageByIdAsync(r.Limit, r.Cursor, a => AccessDto.From(a, now), cancellationToken);
    }
}
