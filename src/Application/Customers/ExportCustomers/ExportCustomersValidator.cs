using FluentValidation;

namespace CleanPrepay.Application.Customers.ExportCustomers;

internal sealed class ExportCustomersValidator : AbstractValidator<ExportCustomersQuery>
{
    public ExportCustomersValidator()
    {
        RuleFor(q => q.Status).IsInEnum();
        RuleFor(q => q.Q).ValidCustomerSearch();
    }
}
