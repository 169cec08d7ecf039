using CleanPrepay.Domain.PaymentMethods;

namespace CleanPrepay.Application.Abstractions.Gateways;

/// <summary>A method to set up for off-session use: the provider token (never card data), or none for a redirect flow.</summary>
public sealed record GatewaySetupRequest(
    string SavedMethodId, string CustomerId, string? ProviderCustomerId, SavedMethodKind Kind, string? PaymentMethod, string? ReturnUrl, string IdempotencyKey)
{
    /// <summary>ISO 4217 code a first payment or mandate is made in, where the provider needs one (Mollie).</summary>
    public string Currency { get; init; } = "EUR";

    public override string ToString() => $"GatewaySetupRequest {{ SavedMethodId = {SavedMethodId}, Kind = {Kind} }}";
}
