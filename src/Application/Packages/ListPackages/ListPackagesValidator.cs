using CleanPrepay.Application.Common.Contracts;

namespace CleanPrepay.Application.Packages.ListPackages;

internal sealed class ListPackagesValidator : PagedQueryValidator<ListPackagesQuery>;
