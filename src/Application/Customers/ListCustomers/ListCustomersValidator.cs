using CleanPrepay.Application.Common.Contracts;
using FluentValidation;

namespace CleanPrepay.Application.Customers.ListCustomers;

internal sealed class ListCustomersValidator : PagedQueryValidator<ListCustomersQuery>
{
    public ListCustomersValidator()
    {
        RuleFor(q => q.Status).IsInEnum();
        RuleFor(q => q.Q).ValidCustomerSearch();
    }
}
