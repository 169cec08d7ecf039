using CleanPrepay.Application.Common.Contracts;

namespace CleanPrepay.Application.Accesses.ListAccesses;

internal sealed class ListAccessesValidator : PagedQueryValidator<ListAccessesQuery>;
