using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Wallets;

namespace CleanPrepay.Application.Wallets;

public sealed record WalletTransactionDto(
    string Id,
    LedgerEntryKind Kind,
    MoneyDto? Amount,
    long? Credits,
    BalanceAfterDto BalanceAfter,
    string? Reference,
    string? Reason,
    DateTimeOffset CreatedAt,
    string CreatedBy)
{
    public static WalletTransactionDto From(LedgerEntry e) => e.IsCredits
        ? new(e.Id, e.Kind, null, e.Amount, new BalanceAfterDto(null, null, e.BalanceAfter), e.Reference, e.Reason, e.CreatedAt, e.CreatedBy)
        : new(e.Id, e.Kind, new MoneyDto(e.Amount, e.Currency!), null, new BalanceAfterDto(e.BalanceAfter, e.Currency, null), e.Reference, e.Reason, e.CreatedAt, e.CreatedBy);
}
