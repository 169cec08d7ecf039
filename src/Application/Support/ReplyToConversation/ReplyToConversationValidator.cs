using CleanPrepay.Application.Common.Contracts;
using FluentValidation;

namespace CleanPrepay.Application.Support.ReplyToConversation;

internal sealed class ReplyToConversationValidator : AbstractValidator<ReplyToConversationCommand>
{
    public ReplyToConversationValidator()
    {
        RuleFor(c => c.ConversationId).ValidId();
        RuleFor(c => c.Body).MessageBody();
    }
}
