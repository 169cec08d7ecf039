using CleanPrepay.Application.Common.Contracts;
using FluentValidation;

namespace CleanPrepay.Application.Orders.ListOrders;

internal sealed class ListOrdersValidator : PagedQueryValidator<ListOrdersQuery>
{
    public ListOrdersValidator() => RuleFor(q => q.Status).IsInEnum();
}
