using System.Text.Json.Nodes;
using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Domain.Payments;

namespace CleanPrepay.Infrastructure.Gateways.Swish;

/// <summary>Swish's payment request and refund statuses and error codes (docs/reference/providers.md#swish) in the neutral set.</summary>
internal static class SwishStatuses
{
    public static readonly IReadOnlyList<string> PaymentStatuses = ["CREATED", "PAID", "DECLINED", "ERROR", "CANCELLED"];

    public static readonly IReadOnlyList<string> RefundStatuses = ["CREATED", "DEBITED", "PAID", "ERROR"];

    /// <summary>The asynchronous error codes the sources name; the full list is on developer.swish.nu.</summary>
    public static readonly IReadOnlyList<string> ErrorCodes = ["RF07", "BANKIDCL", "TM01", "FF10", "DS24"];

    /// <summary>The bank's answer timed out: Swish itself does not know whether money moved.</summary>
    public const string OutcomeUncertain = "DS24";

    public static GatewayOutcome Payment(JsonNode request)
    {
        var id = request.Required(SwishGateway.GatewayName, "id");
        var status = request.Required(SwishGateway.GatewayName, "status");
        var errorCode = request.Text("errorCode");
        if (errorCode == OutcomeUncertain)
        {
            // Never a failure: the payer's bank may have paid. Stays open until someone finds out.
            return new GatewayOutcome(PaymentStatus.Pending, id, FailureMessage: "Swish did not get the bank's answer (DS24); the outcome is uncertain.");
        }

        return status switch
        {
            // The payer has still to approve in the Swish app; a later sync keeps the app link we gave.
            "CREATED" => new GatewayOutcome(PaymentStatus.RequiresAction, id),
            "PAID" => new GatewayOutcome(PaymentStatus.Succeeded, id),
            "DECLINED" => Ended(id, errorCode, request.Text("errorMessage"), GatewayFailureCodes.Declined),
            "ERROR" => Ended(id, errorCode, request.Text("errorMessage"), GatewayFailureCodes.ProcessingError),
            "CANCELLED" => new GatewayOutcome(PaymentStatus.Canceled, id, FailureMessage: "The payment request was cancelled."),
            _ => throw new GatewayException(SwishGateway.GatewayName, GatewayErrorKind.UnexpectedResponse, status, $"Swish answered an unknown payment request status '{status}'."),
        };
    }

    /// <summary>A request that ended without money: who ended it decides failed or canceled.</summary>
    private static GatewayOutcome Ended(string id, string? errorCode, string? errorMessage, string withoutCode)
    {
        var code = errorCode is null ? withoutCode : FailureCode(errorCode);
        var status = code is GatewayFailureCodes.PayerCanceled or GatewayFailureCodes.Expired ? PaymentStatus.Canceled : PaymentStatus.Failed;
        return new GatewayOutcome(status, id, FailureCode: code, FailureMessage: Message(errorCode, errorMessage));
    }

    /// <summary>Swish's error codes in our neutral ones; an unknown code is a processing error, with the code kept in the message.</summary>
    public static string FailureCode(string? errorCode) => errorCode switch
    {
        "RF07" => GatewayFailureCodes.Declined,
        "BANKIDCL" => GatewayFailureCodes.PayerCanceled,
        "TM01" => GatewayFailureCodes.Expired,
        _ => GatewayFailureCodes.ProcessingError, // FF10 (bank error) and codes the sources do not list
    };

    private static string Message(string? errorCode, string? errorMessage) =>
        errorCode is null ? errorMessage ?? "Swish ended the payment request." : $"Swish {errorCode}: {errorMessage ?? "the payment request ended without payment."}";

    public static GatewayRefundOutcome Refund(JsonNode refund)
    {
        var id = refund.Required(SwishGateway.GatewayName, "id");
        var status = refund.Required(SwishGateway.GatewayName, "status");
        return status switch
        {
            "CREATED" or "DEBITED" => new GatewayRefundOutcome(PaymentStatus.Pending, id),
            "PAID" => new GatewayRefundOutcome(PaymentStatus.Succeeded, id),
            "ERROR" => new GatewayRefundOutcome(PaymentStatus.Failed, id, FailureCode(refund.Text("errorCode"))),
            _ => throw new GatewayException(SwishGateway.GatewayName, GatewayErrorKind.UnexpectedResponse, status, $"Swish answered an unknown refund status '{status}'."),
        };
    }

    /// <summary>The code of a Swish error answer: an array of <c>{errorCode, errorMessage}</c> (422), or one such object.</summary>
    public static string? ErrorCode(JsonNode? body) => body switch
    {
        JsonArray { Count: > 0 } errors => errors[0].Text("errorCode"),
        JsonObject error => error.Text("errorCode"),
        _ => null,
    };
}
