using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Customers.RecordVisit;

/// <summary>
/// At most one write per customer per <see cref="Resolution"/>. Most requests come within the minute
/// and stop at a primary-key read, which takes no write lock (an UPDATE that matches nothing still
/// takes SQLite's database-wide write lock). Otherwise one conditional UPDATE: its WHERE clause
/// re-checks the stamp, so two racing requests write once. The aggregate's version is left alone: a
/// visit is not a profile change and must not make a concurrent profile edit fail. Answers whether
/// the stamp moved.
/// </summary>
internal sealed class RecordVisitHandler(IApplicationDbContext db, TimeProvider time) : IRequestHandler<RecordVisitCommand, Result<bool>>
{
    public static readonly TimeSpan Resolution = TimeSpan.FromMinutes(1);

    public async Task<Result<bool>> Handle(RecordVisitCommand request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var staleBefore = now - Resolution;
        var customer = await db.Customers.AsNoTracking()
            .Where(c => c.Id == request.CustomerId)
            .Select(c => new { c.LastVisitAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (customer is null || customer.LastVisitAt >= staleBefore)
        {
            return false;
        }

        var updated = await db.Customers
            .Where(c => c.Id == request.CustomerId && (c.LastVisitAt == null || c.LastVisitAt < staleBefore))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastVisitAt, now), cancellationToken);
        return updated > 0;
    }
}
