using System.Text.Json;
using System.Text.Json.Nodes;
using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Domain.Payments;

namespace CleanPrepay.Infrastructure.Gateways.SecurionPay;

/// <summary>
/// SecurionPay's charge status and <c>captured</c>/<c>refunded</c> flags in the neutral set
/// (docs/reference/providers.md#securionpay). A refund leaves a taken charge succeeded: our refunds are separate records.
/// </summary>
internal static class SecurionPayStatuses
{
    public static readonly IReadOnlyList<string> ChargeStatuses = ["successful", "pending", "failed"];

    /// <summary>SecurionPay's card error codes (API reference, error object; SDK <c>ErrorCode</c>), in ours.</summary>
    public static readonly IReadOnlyDictionary<string, string> FailureCodes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["invalid_number"] = GatewayFailureCodes.InvalidPaymentMethod,
        ["invalid_expiry_month"] = GatewayFailureCodes.InvalidPaymentMethod,
        ["invalid_expiry_year"] = GatewayFailureCodes.InvalidPaymentMethod,
        ["invalid_cvc"] = GatewayFailureCodes.InvalidPaymentMethod,
        ["incorrect_cvc"] = GatewayFailureCodes.InvalidPaymentMethod,
        ["incorrect_zip"] = GatewayFailureCodes.InvalidPaymentMethod,
        ["expired_token"] = GatewayFailureCodes.InvalidPaymentMethod,
        ["expired_card"] = GatewayFailureCodes.ExpiredCard,
        ["insufficient_funds"] = GatewayFailureCodes.InsufficientFunds,
        ["lost_or_stolen"] = GatewayFailureCodes.CardDeclined,
        ["suspected_fraud"] = GatewayFailureCodes.CardDeclined,
        ["card_declined"] = GatewayFailureCodes.CardDeclined,
        ["blacklisted"] = GatewayFailureCodes.CardDeclined,
        ["limit_exceeded"] = GatewayFailureCodes.CardDeclined,
        ["processing_error"] = GatewayFailureCodes.ProcessingError,
    };

    public static GatewayOutcome Charge(JsonNode charge)
    {
        var id = charge.Required(SecurionPayGateway.GatewayName, "id");
        var status = charge.Required(SecurionPayGateway.GatewayName, "status");
        var captured = Flag(charge, "captured");
        var refunded = Flag(charge, "refunded");
        return status switch
        {
            "successful" when captured => new GatewayOutcome(PaymentStatus.Succeeded, id),
            "successful" when refunded => new GatewayOutcome(
                PaymentStatus.Canceled, id, FailureCode: GatewayFailureCodes.PayerCanceled, FailureMessage: "The authorisation was released."),
            "successful" => new GatewayOutcome(PaymentStatus.Authorized, id),
            // A charge flow that needs the payer (SDK ChargeFlow: nextAction redirect | wait | none).
            "pending" when charge["flow"].Text("nextAction") == "redirect" && charge["flow"]?["redirect"].Text("redirectUrl") is { } url =>
                new GatewayOutcome(PaymentStatus.RequiresAction, id, NextActionType: "redirect", NextActionUrl: url),
            "pending" => new GatewayOutcome(PaymentStatus.Pending, id),
            "failed" => Failed(id, charge.Text("failureCode"), charge.Text("failureMessage")),
            _ => throw new GatewayException(
                SecurionPayGateway.GatewayName, GatewayErrorKind.UnexpectedResponse, status, $"SecurionPay answered an unknown charge status '{status}'."),
        };
    }

    public static GatewayOutcome Failed(string? chargeId, string? code, string? message) => new(
        PaymentStatus.Failed, chargeId, FailureCode: FailureCode(code), FailureMessage: message ?? "The card was declined.");

    public static string FailureCode(string? code) =>
        code is not null && FailureCodes.TryGetValue(code, out var neutral) ? neutral : GatewayFailureCodes.CardDeclined;

    private static bool Flag(JsonNode charge, string field) =>
        charge[field] is JsonValue value && value.GetValueKind() == JsonValueKind.True;
}
