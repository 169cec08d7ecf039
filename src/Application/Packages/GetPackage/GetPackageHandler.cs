using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;

namespace CleanPrepay.Application.Packages.GetPackage;

internal sealed class GetPackageHandler(IApplicationDbContext db) : IQueryHandler<GetPackageQuery, PackageDto>
{
    public async Task<Result<PackageDto>> Handle(GetPackageQuery request, CancellationToken cancellationToken) =>
        await db.FindLiveAsync(request.PackageId, tracked: false, cancellationToken) is { } package
            ? PackageDto.From(package)
            : PackageQueries.NotFound;
}
