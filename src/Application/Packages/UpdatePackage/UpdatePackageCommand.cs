using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Common.Contracts;

namespace CleanPrepay.Application.Packages.UpdatePackage;

public sealed record UpdatePackageCommand(string PackageId, string? Name, MoneyInput? Price, GrantInput? Grants, bool? Active)
    : ICommand<PackageDto>;
