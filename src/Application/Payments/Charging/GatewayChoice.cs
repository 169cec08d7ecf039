using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Payments.Charging;

/// <summary>
/// Which gateway takes a payment: the one the request names, if it takes the currency; otherwise the
/// configured route for the currency and the customer's country, in its fallback order (ADR 0020).
/// </summary>
internal sealed class GatewayChoice(IPaymentGatewayRegistry gateways, IGatewayRouter router, IApplicationDbContext db)
{
    public async Task<Result<string>> ChooseAsync(string? named, string currency, string customerId, string? paymentMethod, CancellationToken ct)
    {
        if (named is not null)
        {
            var gateway = gateways.Find(named);
            if (gateway is null)
            {
                return Error.Validation("payment.gateway", $"'{named}' is not a configured gateway; use one of: {string.Join(", ", gateways.Names)}.");
            }

            return gateway.Capabilities.Supports(currency)
                ? named
                : new Error("gateway_currency_not_supported", $"The {named} gateway does not take {currency}.", ErrorKind.Unprocessable);
        }

        var country = await db.Customers.Where(c => c.Id == customerId).Select(c => c.Country).FirstOrDefaultAsync(ct);
        return router.Route(currency, country, paymentMethod) is { } routed
            ? routed
            : new Error(
                "no_gateway_available",
                $"No configured payment gateway takes {currency}{(country is null ? "" : $" from {country}")}{(paymentMethod is null ? "" : " with this payment method")}; name one in payment.gateway.",
                ErrorKind.Unprocessable);
    }
}
