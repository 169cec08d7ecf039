using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.PaymentMethods.SetDefaultPaymentMethod;

/// <summary>Makes a saved method the one renewals and auto top-up fall back to.</summary>
public sealed record SetDefaultPaymentMethodCommand(string CustomerId, string SavedMethodId) : ICommand<PaymentMethodDto>, ICustomerScoped;
