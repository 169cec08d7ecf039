using FluentValidation;

namespace CleanPrepay.Application.Customers.CreateCustomer;

internal sealed class CreateCustomerValidator : AbstractValidator<CreateCustomerCommand>
{
    public CreateCustomerValidator()
    {
        RuleFor(c => c.Email).NotEmpty().WithMessage("The email is required.").ValidEmail();
        RuleFor(c => c.Name).NotNull().WithMessage("The name is required.").ValidName();
        RuleFor(c => c.Language).ValidLanguage().When(c => c.Language is not null);
        RuleFor(c => c.Country).ValidCountry().When(c => c.Country is not null);
    }
}
