using CleanPrepay.Domain.Support;
using FluentValidation;

namespace CleanPrepay.Application.Support;

internal static class SupportTextRules
{
    public static IRuleBuilderOptions<T, string?> MessageBody<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(b => !string.IsNullOrWhiteSpace(b)).WithMessage("The body is required.")
            .MaximumLength(Conversation.MaxBodyLength).WithMessage($"The body is at most {Conversation.MaxBodyLength} characters.");
}
