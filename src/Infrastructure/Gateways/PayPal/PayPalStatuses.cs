using System.Text.Json.Nodes;
using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Domain.Payments;

namespace CleanPrepay.Infrastructure.Gateways.PayPal;

/// <summary>PayPal's Orders v2 and Payments v2 statuses in the neutral set.</summary>
internal static class PayPalStatuses
{
    public static readonly IReadOnlyList<string> OrderStatuses = ["CREATED", "SAVED", "APPROVED", "PAYER_ACTION_REQUIRED", "VOIDED", "COMPLETED"];

    public static readonly IReadOnlyList<string> CaptureStatuses = ["PENDING", "COMPLETED", "DECLINED", "FAILED", "PARTIALLY_REFUNDED", "REFUNDED"];

    public static readonly IReadOnlyList<string> RefundStatuses = ["PENDING", "COMPLETED", "FAILED", "CANCELLED"];

    /// <summary>An order: waiting for the payer, approved (to be captured), voided, or completed — then its capture says how.</summary>
    public static GatewayOutcome Order(JsonNode order)
    {
        var id = order.Required(PayPalGateway.GatewayName, "id");
        var status = order.Required(PayPalGateway.GatewayName, "status");
        return status switch
        {
            "CREATED" or "SAVED" or "PAYER_ACTION_REQUIRED" => new GatewayOutcome(
                PaymentStatus.RequiresAction, id, NextActionType: "redirect", NextActionUrl: ApproveLink(order)),
            "APPROVED" => new GatewayOutcome(PaymentStatus.Authorized, id),
            "VOIDED" => new GatewayOutcome(PaymentStatus.Canceled, id, FailureCode: GatewayFailureCodes.Expired, FailureMessage: "The PayPal order was voided."),
            "COMPLETED" => Completed(id, order),
            _ => throw new GatewayException(PayPalGateway.GatewayName, GatewayErrorKind.UnexpectedResponse, status, $"PayPal answered an unknown order status '{status}'."),
        };
    }

    public static GatewayOutcome Capture(string orderId, string captureStatus) => captureStatus switch
    {
        "COMPLETED" or "PARTIALLY_REFUNDED" or "REFUNDED" => new GatewayOutcome(PaymentStatus.Succeeded, orderId),
        "PENDING" => new GatewayOutcome(PaymentStatus.Pending, orderId),
        "DECLINED" => new GatewayOutcome(PaymentStatus.Failed, orderId, FailureCode: GatewayFailureCodes.Declined, FailureMessage: "PayPal declined the payment."),
        "FAILED" => new GatewayOutcome(PaymentStatus.Failed, orderId, FailureCode: GatewayFailureCodes.ProcessingError, FailureMessage: "The PayPal payment failed."),
        _ => throw new GatewayException(PayPalGateway.GatewayName, GatewayErrorKind.UnexpectedResponse, captureStatus, $"PayPal answered an unknown capture status '{captureStatus}'."),
    };

    public static PaymentStatus Refund(string status) => status switch
    {
        "COMPLETED" => PaymentStatus.Succeeded,
        "PENDING" => PaymentStatus.Pending,
        "FAILED" => PaymentStatus.Failed,
        "CANCELLED" => PaymentStatus.Canceled,
        _ => throw new GatewayException(PayPalGateway.GatewayName, GatewayErrorKind.UnexpectedResponse, status, $"PayPal answered an unknown refund status '{status}'."),
    };

    /// <summary>The first capture of the first purchase unit (we send one unit, captured once).</summary>
    public static JsonNode? FirstCapture(JsonNode order) => order["purchase_units"]?[0]?["payments"]?["captures"]?[0];

    public static JsonNode? FirstAuthorization(JsonNode order) => order["purchase_units"]?[0]?["payments"]?["authorizations"]?[0];

    private static GatewayOutcome Completed(string id, JsonNode order)
    {
        if (FirstCapture(order) is { } capture)
        {
            return Capture(id, capture.Required(PayPalGateway.GatewayName, "status"));
        }

        // An AUTHORIZE order completes with an authorisation, which a capture then takes.
        return FirstAuthorization(order) is not null
            ? new GatewayOutcome(PaymentStatus.Authorized, id)
            : throw new GatewayException(PayPalGateway.GatewayName, GatewayErrorKind.UnexpectedResponse, "COMPLETED", "PayPal completed the order without a capture or an authorisation.");
    }

    private static string? ApproveLink(JsonNode order) =>
        (order["links"] as JsonArray)?.FirstOrDefault(l => l.Text("rel") is "approve" or "payer-action").Text("href");

    public static readonly IReadOnlyList<string> DisputeOutcomes =
        ["RESOLVED_BUYER_FAVOUR", "RESOLVED_SELLER_FAVOUR", "RESOLVED_WITH_PAYOUT", "CANCELED_BY_BUYER", "ACCEPTED", "DENIED", "NONE"];

    /// <summary>
    /// A dispute in the neutral set: open until RESOLVED; then lost when the buyer won (their favour, a payout,
    /// the claim accepted) and won when the seller did (their favour, the claim denied or canceled by the buyer).
    /// </summary>
    public static Domain.Payments.DisputeStatus Dispute(string? status, string? outcome) => status == "RESOLVED"
        ? outcome switch
        {
            "RESOLVED_BUYER_FAVOUR" or "RESOLVED_WITH_PAYOUT" or "ACCEPTED" => Domain.Payments.DisputeStatus.Lost,
            "RESOLVED_SELLER_FAVOUR" or "CANCELED_BY_BUYER" or "DENIED" => Domain.Payments.DisputeStatus.Won,
            _ => Domain.Payments.DisputeStatus.Disputed,
        }
        : Domain.Payments.DisputeStatus.Disputed;

    /// <summary>A PayPal money object (<c>currency_code</c>, <c>value</c> in major units) in minor units; 0 when it is missing or unreadable.</summary>
    public static long MinorUnits(JsonNode? amount) =>
        amount.Text("value") is { } value && amount.Text("currency_code") is { } code && Domain.Monetary.Currency.IsKnown(code)
            && decimal.TryParse(value, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var major)
            ? (long)decimal.Round(major * (decimal)Math.Pow(10, Domain.Monetary.Currency.From(code).Exponent), 0, MidpointRounding.ToZero)
            : 0;
}
