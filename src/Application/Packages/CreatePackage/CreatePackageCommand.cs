using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Common.Contracts;

namespace CleanPrepay.Application.Packages.CreatePackage;

public sealed record CreatePackageCommand(string? Name, MoneyInput? Price, GrantInput? Grants, bool? Active) : ICommand<PackageDto>;
