namespace CleanPrepay.Application.Abstractions.Gateways;

/// <summary>Chooses a gateway when a request names none: by currency and country, in a configured fallback order.</summary>
public interface IGatewayRouter
{
    /// <returns>The first configured, available gateway for the route that takes the currency and token; null when none.</returns>
    string? Route(string currency, string? country, string? paymentMethod);
}
