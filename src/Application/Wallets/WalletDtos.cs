using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Wallets;

namespace CleanPrepay.Application.Wallets;

/// <param name="Overdrawn">A pocket is below its negative-balance limit (a refund took back a grant that was spent): no wallet payment is accepted until it is back within.</param>
public sealed record WalletDto(string Id, string CustomerId, IReadOnlyList<MoneyDto> Balances, long Credits, bool Overdrawn);

/// <summary>The pocket's balance after an entry: <c>amount</c>+<c>currency</c> for a currency pocket, <c>credits</c> for the credits pocket.</summary>
public sealed record BalanceAfterDto(long? Amount, string? Currency, long? Credits);

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
