using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Domain.PaymentMethods;

namespace CleanPrepay.Application.PaymentMethods.SavePaymentMethod;

/// <summary>Keeps a payment method for off-session charges, through the provider's own set-up flow (a token or a redirect, never card data).</summary>
public sealed record SavePaymentMethodCommand(string CustomerId, string? Gateway, string? PaymentMethod, SavedMethodKind? Kind, string? ReturnUrl)
    : IPhasedCommand<PaymentMethodDto>, ICustomerSpending
{
    public override string ToString() => $"SavePaymentMethodCommand {{ CustomerId = {CustomerId}, Gateway = {Gateway}, Kind = {Kind} }}";
}
