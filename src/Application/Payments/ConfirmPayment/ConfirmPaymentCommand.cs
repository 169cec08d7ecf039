using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Payments.ConfirmPayment;

/// <summary>
/// Completes a payment that required customer action (3-D Secure). Safe to repeat: a final payment
/// is answered as it is, and its consequences are applied once.
/// </summary>
public sealed record ConfirmPaymentCommand(string PaymentId) : IPhasedCommand<PaymentDto>;
