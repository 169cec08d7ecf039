using CleanPrepay.Domain.Common;

namespace CleanPrepay.Domain.PaymentMethods;

public static class SavedMethodErrors
{
    public static readonly Error NotFound = Error.NotFound("The saved payment method");

    public static Error NotUsable(SavedMethodStatus status) => new(
        "saved_method_unusable",
        $"The saved payment method is {status.ToString().ToLowerInvariant()}; only an active one can be charged.",
        ErrorKind.Unprocessable);

    public static Error SavingNotSupported(string gateway) => new(
        "saving_not_supported",
        $"The {gateway} gateway has no off-session charge, so a payment method cannot be saved with it (ADR 0038).",
        ErrorKind.Unprocessable);
}
