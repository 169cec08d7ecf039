using CleanPrepay.Domain.Common;

namespace CleanPrepay.Domain.Payments;

public static class PaymentErrors
{
    public static readonly Error NotFound = Error.NotFound("The payment");

    public static Error UnknownGateway(string gateway) =>
        Error.Validation("payment.gateway", $"'{gateway}' is not a configured payment gateway.");

    public static Error NotConfirmable(PaymentStatus status) =>
        Error.Conflict($"A payment in status '{status}' cannot be confirmed.");
}
