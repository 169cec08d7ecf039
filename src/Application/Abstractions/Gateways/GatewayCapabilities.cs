namespace CleanPrepay.Application.Abstractions.Gateways;

/// <summary>What a gateway can do, for routing and validation.</summary>
/// <param name="AmountFixedAtCreation">
/// The provider holds the amount from the creation on (every real provider): an open payment's amount
/// cannot change by changing our record. Only the stateless sandbox takes the new amount at confirm.
/// </param>
public sealed record GatewayCapabilities(
    IReadOnlySet<string>? Currencies,
    bool RequiresPaymentMethod,
    bool Instant,
    bool AmountFixedAtCreation = true)
{
    public bool Supports(string currency) => Currencies is null || Currencies.Contains(currency);
}
