using CleanPrepay.Domain.PaymentMethods;

namespace CleanPrepay.Domain.Payments;

/// <summary>The method a successful payment left on file at the provider (Stripe's <c>setup_future_usage</c>, Mollie's first payment).</summary>
public sealed record SavedMethodDetails(SavedMethodKind Kind, string ProviderMethodId, string? ProviderCustomerId, MethodDisplay Display);
