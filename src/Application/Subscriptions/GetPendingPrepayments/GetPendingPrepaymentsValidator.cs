using CleanPrepay.Application.Common.Contracts;
using FluentValidation;

namespace CleanPrepay.Application.Subscriptions.GetPendingPrepayments;

internal sealed class GetPendingPrepaymentsValidator : AbstractValidator<GetPendingPrepaymentsQuery>
{
    public GetPendingPrepaymentsValidator()
    {
        RuleFor(q => q.Limit).ValidLimit();
        RuleFor(q => q.Cursor).Must(c => c is null || PrepaymentCursor.TryDecode(c, out _, out _)).WithMessage("The cursor is not one this API issued.");
        RuleFor(q => q.Status).IsInEnum();
        RuleFor(q => q.CustomerId).ValidId().When(q => q.CustomerId is not null);
        RuleFor(q => q.CreatedTo).GreaterThan(q => q.CreatedFrom).When(q => q.CreatedFrom is not null && q.CreatedTo is not null)
            .WithMessage("createdTo must be after createdFrom.");
    }
}
