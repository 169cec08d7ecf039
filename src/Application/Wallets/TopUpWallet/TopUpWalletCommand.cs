using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Application.Payments.Charging;

namespace CleanPrepay.Application.Wallets.TopUpWallet;

/// <summary>Refill a wallet with a package or an amount, paid through a gateway.</summary>
public sealed record TopUpWalletCommand(string CustomerId, string? PackageId, MoneyInput? Amount, PaymentInput? Payment)
    : IPhasedCommand<TopUpDto>, ICustomerSpending;
