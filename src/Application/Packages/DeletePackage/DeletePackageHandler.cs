using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;

namespace CleanPrepay.Application.Packages.DeletePackage;

internal sealed class DeletePackageHandler(IApplicationDbContext db, TimeProvider time) : ICommandHandler<DeletePackageCommand, bool>
{
    public async Task<Result<bool>> Handle(DeletePackageCommand request, CancellationToken cancellationToken)
    {
        var package = await db.FindLiveAsync(request.PackageId, tracked: true, cancellationToken);
        if (package is null)
        {
            return PackageQueries.NotFound;
        }

        package.Delete(time.GetUtcNow());
        return true;
    }
}
