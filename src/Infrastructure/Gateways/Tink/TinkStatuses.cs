using System.Text.Json.Nodes;
using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Domain.Payments;

namespace CleanPrepay.Infrastructure.Gateways.Tink;

/// <summary>Tink's transfer statuses (one-time payments status transitions) in the neutral set.</summary>
internal static class TinkStatuses
{
    public static readonly IReadOnlyList<string> TransferStatuses =
        ["CREATED", "AWAITING_CREDENTIALS", "SENT", "SETTLED", "SETTLED_PAYER", "SETTLED_PAYEE", "CANCELLED", "FAILED"];

    public static GatewayOutcome Transfer(string paymentRequestId, string status, string? statusMessage) => status switch
    {
        "CREATED" or "AWAITING_CREDENTIALS" => new GatewayOutcome(PaymentStatus.Pending, paymentRequestId),
        // SENT: the bank accepted the initiation, which is final at Tink; SETTLED_* are beta refinements.
        "SENT" or "SETTLED" or "SETTLED_PAYER" or "SETTLED_PAYEE" => new GatewayOutcome(PaymentStatus.Succeeded, paymentRequestId),
        // Also what an abandoned flow becomes after 9 minutes.
        "CANCELLED" => new GatewayOutcome(
            PaymentStatus.Canceled, paymentRequestId, FailureCode: GatewayFailureCodes.PayerCanceled, FailureMessage: statusMessage ?? "The payment was cancelled."),
        "FAILED" => new GatewayOutcome(
            PaymentStatus.Failed, paymentRequestId, FailureCode: GatewayFailureCodes.Declined, FailureMessage: statusMessage ?? "The bank did not make the payment."),
        // PARTIALLY_SENT is for bulk payments, which we never make.
        _ => throw new GatewayException(TinkGateway.GatewayName, GatewayErrorKind.UnexpectedResponse, status, $"Tink answered an unknown transfer status '{status}'."),
    };

    /// <summary>
    /// No transfer yet: the payer has still to act. Of several (a retried attempt), a success wins, then one
    /// still running, then the last one's end.
    /// </summary>
    public static GatewayOutcome FromTransfers(string paymentRequestId, JsonArray transfers)
    {
        var outcomes = transfers
            .Select(t => Transfer(paymentRequestId, t.Required(TinkGateway.GatewayName, "status"), t.Text("statusMessage")))
            .ToList();
        return outcomes.FirstOrDefault(o => o.Status == PaymentStatus.Succeeded)
            ?? outcomes.FirstOrDefault(o => o.Status == PaymentStatus.Pending)
            ?? outcomes.LastOrDefault()
            ?? new GatewayOutcome(PaymentStatus.RequiresAction, paymentRequestId);
    }
}
