using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Application.Packages;
using CleanPrepay.Application.Payments.Charging;
using CleanPrepay.Domain.Payments;

namespace CleanPrepay.Application.Wallets.TopUpWallet;

/// <summary>Refill a wallet with a package or an amount, paid through a gateway.</summary>
public sealed record TopUpWalletCommand(string CustomerId, string? PackageId, MoneyInput? Amount, PaymentInput? Payment)
    : IPhasedCommand<TopUpDto>, ICustomerSpending;

public sealed record TopUpPaymentDto(string Id, PaymentStatus Status, NextActionDto? NextAction, string? FailureCode);

public sealed record TopUpDto(
    string Id,
    PaymentStatus Status,
    string? PackageId,
    MoneyDto Price,
    GrantDto Credited,
    TopUpPaymentDto Payment,
    DateTimeOffset CreatedAt);
