using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Support;
using FluentValidation;

namespace CleanPrepay.Application.Support.OpenConversation;

internal sealed class OpenConversationValidator : AbstractValidator<OpenConversationCommand>
{
    public OpenConversationValidator()
    {
        RuleFor(c => c.CustomerId).ValidId();
        RuleFor(c => c.Subject).Must(s => !string.IsNullOrWhiteSpace(s)).WithMessage("The subject is required.")
            .MaximumLength(Conversation.MaxSubjectLength).WithMessage($"The subject is at most {Conversation.MaxSubjectLength} characters.");
        RuleFor(c => c.Body).MessageBody();
    }
}
