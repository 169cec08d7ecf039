using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Customers.RecordVisit;

/// <summary>
/// At most one write per customer per <see cref="Resolution"/>: a key read first (a no-op UPDATE would
/// still take SQLite's write lock), then one conditional UPDATE, so racing requests write once.
/// The version is left alone so a visit never fails a concurrent profile edit.
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
