using CleanPrepay.Application.Abstractions.Gateways;
using Microsoft.Extensions.Options;

namespace CleanPrepay.Infrastructure.Gateways;

/// <summary>One routing rule: payments in this currency and/or from this country go to these gateways, in order.</summary>
public sealed class GatewayRoute
{
    public string? Currency { get; set; }

    public string? Country { get; set; }

    public List<string> Gateways { get; set; } = [];
}

/// <summary>
/// Which gateway takes a payment that names none (section <c>Gateways:Routing</c>), after
/// media-manager-payments: by currency and country, the most specific rule first, then
/// <see cref="Fallback"/>. Example: <c>{"Currency": "SEK", "Country": "SE", "Gateways": ["swish", "stripe"]}</c>.
/// </summary>
public sealed class GatewayRoutingOptions
{
    public const string Section = "Gateways:Routing";

    public List<GatewayRoute> Routes { get; set; } = [];

    /// <summary>Tried after every matching rule. Empty by default so that configuration replaces it (the binder appends to a list).</summary>
    public List<string> Fallback { get; set; } = [];

    /// <summary>The fallback in force: the configured one, or the embedded sandbox when none is configured.</summary>
    public IReadOnlyList<string> EffectiveFallback => Fallback.Count > 0 ? Fallback : ["sandbox"];
}

/// <summary>
/// Walks the matching routes from the most specific (currency and country) to the least, then the
/// fallback, and takes the first gateway that is configured, takes the currency, takes the token
/// (or needs none) and whose circuit is closed.
/// </summary>
internal sealed class GatewayRouter(IPaymentGatewayRegistry registry, GatewayCircuits circuits, IOptionsMonitor<GatewayRoutingOptions> options) : IGatewayRouter
{
    public string? Route(string currency, string? country, string? paymentMethod)
    {
        currency = currency.ToUpperInvariant();
        var routing = options.CurrentValue;
        var candidates = routing.Routes
            .Select((route, index) => (route, index))
            .Where(r => Matches(r.route.Currency, currency) && Matches(r.route.Country, country))
            .OrderByDescending(r => (r.route.Currency is null ? 0 : 2) + (r.route.Country is null ? 0 : 1))
            .ThenBy(r => r.index)
            .SelectMany(r => r.route.Gateways)
            .Concat(routing.EffectiveFallback);
        foreach (var name in candidates.Select(n => n.ToLowerInvariant()).Distinct(StringComparer.Ordinal))
        {
            if (registry.Find(name) is not { } gateway || !gateway.Capabilities.Supports(currency) || circuits.IsOpen(name))
            {
                continue;
            }

            var fits = paymentMethod is null ? !gateway.Capabilities.RequiresPaymentMethod : gateway.AcceptsPaymentMethod(paymentMethod);
            if (fits)
            {
                return name;
            }
        }

        return null;
    }

    private static bool Matches(string? rule, string? value) =>
        rule is null || (value is not null && string.Equals(rule, value, StringComparison.OrdinalIgnoreCase));
}
