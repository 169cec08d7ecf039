using System.Text.Json.Nodes;
using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Domain.Payments;

namespace CleanPrepay.Infrastructure.Gateways.Mollie;

/// <summary>
/// Mollie's payment and refund statuses (docs/reference/providers.md#mollie) in the
/// neutral set. Final: <c>paid</c>, <c>canceled</c>, <c>expired</c>, <c>failed</c>; <c>authorized</c>
/// waits for a capture. Refunds: final <c>refunded</c>, <c>failed</c>, <c>canceled</c>.
/// </summary>
internal static class MollieStatuses
{
    public static readonly IReadOnlyList<string> PaymentStatuses = ["open", "pending", "authorized", "paid", "canceled", "expired", "failed"];

    public static readonly IReadOnlyList<string> RefundStatuses = ["queued", "pending", "processing", "refunded", "failed", "canceled"];

    public static GatewayOutcome Payment(JsonNode payment)
    {
        var id = payment.Required(MollieGateway.GatewayName, "id");
        var status = payment.Required(MollieGateway.GatewayName, "status");
        return status switch
        {
            // Open: the payer has not finished Mollie's checkout yet; send them there.
            "open" when payment["_links"]?["checkout"].Text("href") is { } checkout =>
                new GatewayOutcome(PaymentStatus.RequiresAction, id, NextActionType: "redirect", NextActionUrl: checkout),
            "open" or "pending" => new GatewayOutcome(PaymentStatus.Pending, id),
            "authorized" => new GatewayOutcome(PaymentStatus.Authorized, id),
            "paid" => new GatewayOutcome(PaymentStatus.Succeeded, id) { SavedMethod = KeptMandate(payment) },
            "canceled" => new GatewayOutcome(
                PaymentStatus.Canceled, id, FailureCode: GatewayFailureCodes.PayerCanceled, FailureMessage: "The payment was canceled."),
            "expired" => new GatewayOutcome(
                PaymentStatus.Canceled, id, FailureCode: GatewayFailureCodes.Expired, FailureMessage: "The payment expired before it was completed."),
            // Mollie gives card payments a details.failureReason, but its values were not read for this
            // adapter (docs/reference/providers.md#mollie is silent): a failed payment is a plain decline here.
            "failed" => new GatewayOutcome(
                PaymentStatus.Failed, id, FailureCode: GatewayFailureCodes.Declined, FailureMessage: "The payment failed at Mollie."),
            _ => throw new GatewayException(
                MollieGateway.GatewayName, GatewayErrorKind.UnexpectedResponse, status, $"Mollie answered an unknown payment status '{status}'."),
        };
    }

    /// <summary>
    /// The mandate a paid <c>first</c> payment left on its customer (a paying customer asked to <c>save</c>, ADR 0038);
    /// null for any other payment. What may be shown comes from the payment's own details.
    /// </summary>
    public static SavedMethodDetails? KeptMandate(JsonNode payment)
    {
        if (payment.Text("sequenceType") != "first" || payment.Text("mandateId") is not { } mandateId || payment.Text("customerId") is not { } customerId)
        {
            return null;
        }

        var card = payment.Text("method") == "creditcard";
        return new SavedMethodDetails(
            card ? Domain.PaymentMethods.SavedMethodKind.Card : Domain.PaymentMethods.SavedMethodKind.SepaDebit, mandateId, customerId, Display(payment["details"], card));
    }

    public static readonly IReadOnlyList<string> MandateStatuses = ["valid", "pending", "invalid"];

    /// <summary>A mandate as a set-up: valid can be charged, pending waits for the bank, invalid failed; with what may be displayed of it.</summary>
    public static GatewaySetupOutcome Mandate(JsonNode mandate, string setupReference)
    {
        var id = mandate.Required(MollieGateway.GatewayName, "id");
        var display = Display(mandate["details"], card: mandate.Text("method") != "directdebit");
        var status = mandate.Required(MollieGateway.GatewayName, "status");
        return status switch
        {
            "valid" => new GatewaySetupOutcome(Domain.PaymentMethods.SavedMethodStatus.Active, id, setupReference, display),
            "pending" => new GatewaySetupOutcome(Domain.PaymentMethods.SavedMethodStatus.Pending, id, setupReference, display),
            "invalid" => new GatewaySetupOutcome(
                Domain.PaymentMethods.SavedMethodStatus.Failed, null, setupReference, display, FailureCode: "mandate_invalid",
                FailureMessage: "The bank refused the mandate. Check the account details and set the payment method up again."),
            _ => throw new GatewayException(MollieGateway.GatewayName, GatewayErrorKind.UnexpectedResponse, status, $"Mollie answered an unknown mandate status '{status}'."),
        };
    }

    /// <summary>What Mollie reports as charged back on a payment, in minor units; null when nothing was.</summary>
    public static long? ChargedBack(JsonNode payment) =>
        payment["amountChargedBack"] is JsonObject amount && amount.Text("value") is { } value && amount.Text("currency") is { } currency
            && decimal.TryParse(value, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var major)
            ? (long)(major * (decimal)Math.Pow(10, Domain.Monetary.Currency.From(currency).Exponent))
            : null;

    /// <summary>What may be shown of a card or a bank account, from Mollie's details of a mandate or of the payment that made it.</summary>
    private static Domain.PaymentMethods.MethodDisplay Display(JsonNode? details, bool card) => card
        ? new Domain.PaymentMethods.MethodDisplay(details.Text("cardLabel")?.ToLowerInvariant(), Last4(details.Text("cardNumber")))
        : new Domain.PaymentMethods.MethodDisplay("sepa_debit", Last4(details.Text("consumerAccount")));

    private static string? Last4(string? number) => number is { Length: >= 4 } ? number[^4..] : number;

    public static PaymentStatus Refund(string status) => status switch
    {
        "queued" or "pending" or "processing" => PaymentStatus.Pending,
        "refunded" => PaymentStatus.Succeeded,
        "failed" => PaymentStatus.Failed,
        "canceled" => PaymentStatus.Canceled,
        _ => throw new GatewayException(
            MollieGateway.GatewayName, GatewayErrorKind.UnexpectedResponse, status, $"Mollie answered an unknown refund status '{status}'."),
    };
}
