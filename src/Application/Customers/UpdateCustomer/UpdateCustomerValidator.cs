using FluentValidation;

namespace CleanPrepay.Application.Customers.UpdateCustomer;

internal sealed class UpdateCustomerValidator : AbstractValidator<UpdateCustomerCommand>
{
    public UpdateCustomerValidator()
    {
        RuleFor(c => c.Email).ValidEmail().When(c => c.Email is not null);
        RuleFor(c => c.Name).ValidName().When(c => c.Name is not null);
        RuleFor(c => c.Language).ValidLanguage().When(c => c.Language is not null);
        RuleFor(c => c.Country).ValidCountry().When(c => c.Country is not null);
        RuleFor(c => c.Status).IsInEnum().When(c => c.Status is not null);
    }
}
