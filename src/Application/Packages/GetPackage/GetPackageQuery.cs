using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Packages.GetPackage;

public sealed record GetPackageQuery(string PackageId) : IQuery<PackageDto>;
