using CleanPrepay.Application.Common.Contracts;
using FluentValidation;

namespace CleanPrepay.Application.Support.ListConversations;

internal sealed class ListConversationsValidator : PagedQueryValidator<ListConversationsQuery>
{
    public ListConversationsValidator()
    {
        RuleFor(q => q.CustomerId).ValidId();
        RuleFor(q => q.Status).IsInEnum();
    }
}
