using CleanPrepay.Application.Orders;
using CleanPrepay.Application.Payments.Charging;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Orders;

namespace CleanPrepay.Application.Subscriptions;

internal static class SubscriptionRules
{
    /// <summary>
    /// The gateway a subscription's charges go to: none for the wallet; for a gateway payment the one named,
    /// or the one routing chooses once (the renewals then use the gateway that holds the token). A consumer
    /// the risk check rejected may only use an instant one.
    /// </summary>
    public static async Task<Result<string?>> GatewayForAsync(
        GatewayChoice choice, OrderPaymentInput? payment, string currency, string customerId, bool rejected, SubscriptionOptions options, CancellationToken ct)
    {
        if (payment?.Method != OrderPaymentMethod.Gateway)
        {
            return Result<string?>.Success(null);
        }

        var chosen = await choice.ChooseAsync(payment.Gateway, currency, customerId, payment.PaymentMethod, ct);
        if (!chosen.IsSuccess)
        {
            return chosen.Error;
        }

        return rejected && NotInstant(payment, options, chosen.Value) is { } notInstant ? notInstant : Result<string?>.Success(chosen.Value);
    }

    /// <summary>
    /// Why <paramref name="payment"/> is not an instant method a rejected consumer may prepay with; null when it is one
    /// (or absent: they pay later). A payment that names no gateway is judged once routing has chosen one (<paramref name="routed"/>).
    /// </summary>
    public static Error? NotInstant(OrderPaymentInput? payment, SubscriptionOptions options, string? routed = null)
    {
        if (payment?.Method != OrderPaymentMethod.Gateway || (payment.Gateway ?? routed) is not { } gateway)
        {
            return null;
        }

        return options.InstantGateways.Contains(gateway, StringComparer.OrdinalIgnoreCase)
            ? null
            : new Error(
                "payment_method_not_instant",
                $"A consumer the risk check rejected prepays with the wallet or an instant gateway ({string.Join(", ", options.InstantGateways)}), not '{gateway}'.",
                ErrorKind.Unprocessable);
    }
}
