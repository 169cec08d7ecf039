using System.Globalization;
using CleanPrepay.Application.Common.Contracts;
using FluentValidation;

namespace CleanPrepay.Application.Wallets.ListWalletTransactions;

internal sealed class ListWalletTransactionsValidator : AbstractValidator<ListWalletTransactionsQuery>
{
    public ListWalletTransactionsValidator()
    {
        RuleFor(q => q.Limit).ValidLimit();
        RuleFor(q => q.Cursor)
            .Must(c => c is null || (Cursor.TryDecode(c, out var key) && long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            .WithMessage("The cursor is not one this API issued.");
    }
}
