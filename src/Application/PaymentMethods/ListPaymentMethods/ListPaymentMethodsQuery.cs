using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.PaymentMethods.ListPaymentMethods;

/// <summary>The customer's saved methods, newest first; revoked ones only when asked for.</summary>
public sealed record ListPaymentMethodsQuery(string CustomerId, bool IncludeRevoked = false) : IQuery<IReadOnlyList<PaymentMethodDto>>, ICustomerScoped;
