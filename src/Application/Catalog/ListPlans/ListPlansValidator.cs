using CleanPrepay.Application.Common.Contracts;

namespace CleanPrepay.Application.Catalog.ListPlans;

internal sealed class ListPlansValidator : PagedQueryValidator<ListPlansQuery>;
