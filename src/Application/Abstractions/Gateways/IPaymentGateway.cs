using CleanPrepay.Domain.Payments;

namespace CleanPrepay.Application.Abstractions.Gateways;

/// <summary>What we ask a gateway to charge. The payment method is a provider token, never card data.</summary>
public sealed record GatewayPaymentRequest(
    string PaymentId,
    Domain.Money.Money Amount,
    string PaymentMethod,
    string IdempotencyKey,
    string CustomerId,
    string Description)
{
    /// <summary>The token is a credential: keep it out of logs and ToString.</summary>
    public override string ToString() => $"GatewayPaymentRequest {{ PaymentId = {PaymentId}, Amount = {Amount} }}";
}

/// <summary>The port every payment provider adapter implements. Answers are provider-neutral.</summary>
public interface IPaymentGateway
{
    /// <summary>The lower-case name used in requests and routes: <c>sandbox</c>, <c>stripe</c>, …</summary>
    string Name { get; }

    /// <summary>Whether the token has this provider's shape; a malformed token is a 400 before any money moves.</summary>
    bool AcceptsPaymentMethod(string paymentMethod);

    Task<GatewayOutcome> CreatePaymentAsync(GatewayPaymentRequest request, CancellationToken cancellationToken);

    /// <summary>Completes a payment that required customer action (3-D Secure, a redirect).</summary>
    Task<GatewayOutcome> ConfirmPaymentAsync(string providerReference, CancellationToken cancellationToken);

    /// <summary>Refunds part or all of a captured payment; <paramref name="idempotencyKey"/> makes a retry safe.</summary>
    Task<GatewayRefundOutcome> RefundAsync(string providerReference, Domain.Money.Money amount, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Pulls the provider's current status.</summary>
    Task<GatewayOutcome> GetPaymentAsync(string providerReference, CancellationToken cancellationToken);
}

/// <summary>Finds the configured gateway adapter by name.</summary>
public interface IPaymentGatewayRegistry
{
    IPaymentGateway? Find(string name);

    IReadOnlyCollection<string> Names { get; }
}
