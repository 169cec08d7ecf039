using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Application.Common.Contracts;

/// <summary>How a currency the merchant does not take is refused, in the same words by every use case.</summary>
internal static class CurrencyMessages
{
    public static string NotAccepted(string currency) =>
        $"'{currency}' is not one of the merchant's currencies (see /v1/settings).";

    public static bool IsKnownAndAccepted(Domain.Settings.MerchantSettings settings, string? code) =>
        Currency.TryFrom(code, out var currency) && settings.Accepts(currency.Value);
}
