using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.PaymentMethods.DeletePaymentMethod;

/// <summary>Revokes a saved method here and at the provider: it is never charged again.</summary>
public sealed record DeletePaymentMethodCommand(string CustomerId, string SavedMethodId) : IPhasedCommand<PaymentMethodDto>, ICustomerScoped;
