using FluentValidation;

namespace CleanPrepay.Application.Common.Contracts;

/// <summary>Checks the paging of a list query; derived validators add their filters.</summary>
public abstract class PagedQueryValidator<T> : AbstractValidator<T>
    where T : IPagedQuery
{
    protected PagedQueryValidator()
    {
        RuleFor(q => q.Limit).ValidLimit();
        RuleFor(q => q.Cursor).ValidCursor();
    }
}
