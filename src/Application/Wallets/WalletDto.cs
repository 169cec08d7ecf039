using CleanPrepay.Application.Common.Contracts;

namespace CleanPrepay.Application.Wallets;

/// <param name="Overdrawn">A pocket is below its negative-balance limit (a refund took back a grant that was spent): no wallet payment is accepted until it is back within.</param>
public sealed record WalletDto(string Id, string CustomerId, IReadOnlyList<MoneyDto> Balances, long Credits, bool Overdrawn);
