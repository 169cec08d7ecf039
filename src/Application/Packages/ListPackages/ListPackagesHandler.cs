using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Common;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Packages.ListPackages;

internal sealed class ListPackagesHandler(IApplicationDbContext db) : IQueryHandler<ListPackagesQuery, Page<PackageDto>>
{
    public async Task<Result<Page<PackageDto>>> Handle(ListPackagesQuery request, CancellationToken cancellationToken)
    {
        var query = db.PrepaymentPackages.AsNoTracking().Where(p => p.DeletedAt == null);
        if (request.Active is { } active)
        {
            query = query.Where(p => p.Active == active);
        }

        return await query.PageByIdAsync(request.Limit, request.Cursor, PackageDto.From, cancellationToken);
    }
}
