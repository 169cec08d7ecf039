using CleanPrepay.Domain.Common;

namespace CleanPrepay.Domain.Wallets;

public static class WalletErrors
{
    public static readonly Error NotFound = Error.NotFound("The wallet");

    public static Error InsufficientBalance(string pocket, long available) => new(
        "insufficient_balance",
        $"The {pocket} pocket cannot go below its negative-balance limit; {available} is available.",
        ErrorKind.Unprocessable);

    /// <summary>A pocket never holds more than the API can express (±10^15 minor units, or as many credits).</summary>
    public static Error BalanceOutOfRange(string pocket) => new(
        "amount_out_of_range",
        $"The {pocket} pocket would hold more than 10^15; nothing was credited.",
        ErrorKind.Unprocessable);

    public static readonly Error AmountMustBePositive =
        Error.Validation("amount", "The amount must be greater than zero.");

    public static readonly Error CreditsMustBePositive =
        Error.Validation("credits", "Credits must be greater than zero.");
}
