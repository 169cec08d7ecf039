namespace CleanPrepay.Application.Wallets;

/// <summary>The pocket's balance after an entry: <c>amount</c>+<c>currency</c> for a currency pocket, <c>credits</c> for the credits pocket.</summary>
public sealed record BalanceAfterDto(long? Amount, string? Currency, long? Credits);
