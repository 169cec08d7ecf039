using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Application.Packages;
using CleanPrepay.Domain.Payments;

namespace CleanPrepay.Application.Wallets.TopUpWallet;

public sealed record TopUpDto(
    string Id,
    PaymentStatus Status,
    string? PackageId,
    MoneyDto Price,
    GrantDto Credited,
    TopUpPaymentDto Payment,
    DateTimeOffset CreatedAt);
