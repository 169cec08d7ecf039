using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Common.Contracts;

namespace CleanPrepay.Application.Wallets.AdjustWallet;

/// <summary>
/// Staff credit or debit one pocket by hand, with a reason that stays in the ledger. Phased: the handler
/// tries the one-statement move before it opens a unit of work (ADR 0036).
/// </summary>
public sealed record AdjustWalletCommand(
    string CustomerId, AdjustmentDirection? Direction, MoneyInput? Amount, long? Credits, string? Reason)
    : IPhasedCommand<WalletTransactionDto>, ICustomerScoped;
