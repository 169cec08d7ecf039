using CleanPrepay.Domain.Common;

namespace CleanPrepay.Domain.Wallets;

public static class WalletErrors
{
    public static readonly Error NotFound = Error.NotFound("The wallet");

    public static Error InsufficientBalance(string pocket, long available) => new(
        "insufficient_balance",
        $"The {pocket} pocket cannot go below its negative-balance limit; {available} is available.",
        ErrorKind.Unprocessable);

    public static readonly Error AmountMustBePositive =
        Error.Validation("amount", "The amount must be greater than zero.");

    public static readonly Error CreditsMustBePositive =
        Error.Validation("credits", "Credits must be greater than zero.");
}
