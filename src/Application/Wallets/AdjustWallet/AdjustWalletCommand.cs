using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Common.Contracts;

namespace CleanPrepay.Application.Wallets.AdjustWallet;

/// <summary>Staff credit or debit one pocket by hand, with a reason that stays in the ledger.</summary>
public sealed record AdjustWalletCommand(
    string CustomerId, AdjustmentDirection? Direction, MoneyInput? Amount, long? Credits, string? Reason)
    : ICommand<WalletTransactionDto>, ICustomerScoped;
