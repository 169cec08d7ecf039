using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Common.Contracts;

namespace CleanPrepay.Application.Packages.ListPackages;

public sealed record ListPackagesQuery(bool? Active, int? Limit, string? Cursor) : IQuery<Page<PackageDto>>, IPagedQuery;
