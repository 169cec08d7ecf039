using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Common.Contracts;

namespace CleanPrepay.Application.Payments.RefundPayment;

/// <summary>
/// Gives money (or credits) back on an order's payment, in full when no amount is given. Never more
/// than was paid: the refund is reserved on the locked payment before anything is sent anywhere.
/// A full refund revokes the order's accesses. The amount is Money, like every amount of the API,
/// and must be in the payment's currency (ADR 0030).
/// </summary>
public sealed record RefundPaymentCommand(string PaymentId, MoneyInput? Amount, long? Credits) : IPhasedCommand<RefundDto>;
