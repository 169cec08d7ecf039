using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Payments;

namespace CleanPrepay.Application.Wallets.TopUpWallet;

public sealed record TopUpPaymentDto(string Id, PaymentStatus Status, NextActionDto? NextAction, string? FailureCode);
