using CleanPrepay.Domain.Payments;

namespace CleanPrepay.Application.Payments.Charging;

/// <summary>An opened gateway payment and what the provider needs to take it: the payer's token, a description, where a redirect returns.</summary>
public sealed record GatewayCharge(Payment Payment, string? PaymentMethodToken, string Description, string? ReturnUrl = null);
