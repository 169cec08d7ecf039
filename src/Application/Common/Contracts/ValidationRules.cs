using FluentValidation;

namespace CleanPrepay.Application.Common.Contracts;

public static class ValidationRules
{
    public static IRuleBuilderOptions<T, int?> ValidLimit<T>(this IRuleBuilder<T, int?> rule) =>
        rule.InclusiveBetween(1, Cursor.MaxLimit).WithMessage($"The limit must be between 1 and {Cursor.MaxLimit}.");

    public static IRuleBuilderOptions<T, string?> ValidCursor<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(c => c is null || Cursor.TryDecode(c, out _)).WithMessage("The cursor is not one this API issued.");

    public static IRuleBuilderOptions<T, string?> ValidId<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().MaximumLength(64).WithMessage("The id is not valid.");
}
