using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;

namespace CleanPrepay.Application.Packages.UpdatePackage;

internal sealed class UpdatePackageHandler(IApplicationDbContext db) : ICommandHandler<UpdatePackageCommand, PackageDto>
{
    public async Task<Result<PackageDto>> Handle(UpdatePackageCommand request, CancellationToken cancellationToken)
    {
        var package = await db.FindLiveAsync(request.PackageId, tracked: true, cancellationToken);
        if (package is null)
        {
            return PackageQueries.NotFound;
        }

        var updated = package.Update(
            request.Name, request.Price?.ToMoney(), request.Grants?.Amount?.ToMoney(), request.Grants?.Credits, request.Active);
        return updated.IsSuccess ? PackageDto.From(package) : updated.Error;
    }
}
