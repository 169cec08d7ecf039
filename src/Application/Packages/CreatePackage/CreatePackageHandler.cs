using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Packages;

namespace CleanPrepay.Application.Packages.CreatePackage;

internal sealed class CreatePackageHandler(IApplicationDbContext db, TimeProvider time) : ICommandHandler<CreatePackageCommand, PackageDto>
{
    public Task<Result<PackageDto>> Handle(CreatePackageCommand request, CancellationToken cancellationToken)
    {
        var created = PrepaymentPackage.Create(
            request.Name!, request.Price!.ToMoney(), request.Grants!.Amount?.ToMoney(), request.Grants.Credits,
            request.Active ?? true, time.GetUtcNow());
        if (!created.IsSuccess)
        {
            return Task.FromResult<Result<PackageDto>>(created.Error);
        }

        db.PrepaymentPackages.Add(created.Value);
        return Task.FromResult<Result<PackageDto>>(PackageDto.From(created.Value));
    }
}
