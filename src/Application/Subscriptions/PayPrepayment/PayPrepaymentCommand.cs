using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Orders;

namespace CleanPrepay.Application.Subscriptions.PayPrepayment;

/// <summary>
/// Pays a pending prepayment (the risk-rejected consumer's, a cardless trial's, or one whose card was
/// declined) with the wallet or a gateway; the method is kept for the renewals. A new attempt is a new
/// order; while one is still awaiting the gateway, another is a 409.
/// </summary>
public sealed record PayPrepaymentCommand(string PrepaymentId, OrderPaymentInput? Payment) : IPhasedCommand<SubscriptionDto>;
