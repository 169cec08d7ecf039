using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Packages;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Packages;

internal static class PackageQueries
{
    /// <summary>Deleted packages are gone for every caller.</summary>
    public static Task<PrepaymentPackage?> FindLiveAsync(this IApplicationDbContext db, string id, bool tracked, CancellationToken ct) =>
        (tracked ? db.PrepaymentPackages : db.PrepaymentPackages.AsNoTracking())
            .FirstOrDefaultAsync(p => p.Id == id && p.DeletedAt == null, ct);

    public static readonly Error NotFound = Error.NotFound("The prepayment package");
}
