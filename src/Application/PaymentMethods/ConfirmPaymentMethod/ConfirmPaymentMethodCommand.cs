using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.PaymentMethods.ConfirmPaymentMethod;

/// <summary>The payer is back from the provider's set-up page (3-D Secure, Mollie's first payment): ask where the set-up stands.</summary>
public sealed record ConfirmPaymentMethodCommand(string CustomerId, string SavedMethodId) : IPhasedCommand<PaymentMethodDto>, ICustomerSpending;
