using FluentValidation;

namespace CleanPrepay.Application.Customers.UnsubscribeFromNewsletter;

internal sealed class UnsubscribeFromNewsletterValidator : AbstractValidator<UnsubscribeFromNewsletterCommand>
{
    public UnsubscribeFromNewsletterValidator() => RuleFor(c => c.Email).NotEmpty().MaximumLength(254);
}
