using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Common;
using FluentValidation;

namespace CleanPrepay.Application.Packages.UpdatePackage;

public sealed record UpdatePackageCommand(string PackageId, string? Name, MoneyInput? Price, GrantInput? Grants, bool? Active)
    : ICommand<PackageDto>;

internal sealed class UpdatePackageValidator : AbstractValidator<UpdatePackageCommand>
{
    public UpdatePackageValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200).When(c => c.Name is not null);
        RuleFor(c => c.Price!).SetValidator(new MoneyInputValidator()).When(c => c.Price is not null);
        RuleFor(c => c.Grants!).SetValidator(new GrantInputValidator()).When(c => c.Grants is not null);
    }
}

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
