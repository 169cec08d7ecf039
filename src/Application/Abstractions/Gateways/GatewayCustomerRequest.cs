namespace CleanPrepay.Application.Abstractions.Gateways;

/// <summary>Who the provider-side customer is; the key makes a retried creation answer the same customer.</summary>
public sealed record GatewayCustomerRequest(string CustomerId, string Email, string Name, string IdempotencyKey)
{
    public override string ToString() => $"GatewayCustomerRequest {{ CustomerId = {CustomerId} }}";
}
