using CleanPrepay.Domain.Monetary;
using FluentValidation;

namespace CleanPrepay.Application.Common.Contracts;

public sealed class MoneyInputValidator : AbstractValidator<MoneyInput>
{
    public MoneyInputValidator(bool positive = true)
    {
        RuleFor(m => m.Amount)
            .NotNull().WithMessage("The amount is required, in integer minor units.")
            .InclusiveBetween(-Money.MaxAbsoluteMinorUnits, Money.MaxAbsoluteMinorUnits)
            .WithMessage("The amount must be within ±10^15 minor units.");
        if (positive)
        {
            RuleFor(m => m.Amount).GreaterThan(0).WithMessage("The amount must be greater than zero.");
        }

        RuleFor(m => m.Currency)
            .NotEmpty().WithMessage("The currency is required.")
            .Must(Currency.IsKnown).WithMessage("'{PropertyValue}' is not an ISO 4217 currency code (upper case, e.g. EUR).");
    }
}

public static class ValidationRules
{
    public static IRuleBuilderOptions<T, int?> ValidLimit<T>(this IRuleBuilder<T, int?> rule) =>
        rule.InclusiveBetween(1, Cursor.MaxLimit).WithMessage($"The limit must be between 1 and {Cursor.MaxLimit}.");

    public static IRuleBuilderOptions<T, string?> ValidCursor<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(c => c is null || Cursor.TryDecode(c, out _)).WithMessage("The cursor is not one this API issued.");

    public static IRuleBuilderOptions<T, string?> ValidId<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().MaximumLength(64).WithMessage("The id is not valid.");
}

/// <summary>A list query: a page size and a cursor from the previous page.</summary>
public interface IPagedQuery
{
    int? Limit { get; }

    string? Cursor { get; }
}

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
