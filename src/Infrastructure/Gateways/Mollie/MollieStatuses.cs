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
            "paid" => new GatewayOutcome(PaymentStatus.Succeeded, id),
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
