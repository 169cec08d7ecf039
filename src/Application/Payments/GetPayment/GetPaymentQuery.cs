using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Payments.GetPayment;

public sealed record GetPaymentQuery(string PaymentId) : IQuery<PaymentDto>;
