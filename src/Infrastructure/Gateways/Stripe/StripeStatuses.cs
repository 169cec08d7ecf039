using System.Text.Json.Nodes;
using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Domain.Payments;

namespace CleanPrepay.Infrastructure.Gateways.Stripe;

/// <summary>Stripe's PaymentIntent and Refund statuses (spec 2023-08-16) in the neutral set.</summary>
internal static class StripeStatuses
{
    public static readonly IReadOnlyList<string> PaymentIntentStatuses =
        ["requires_payment_method", "requires_confirmation", "requires_action", "processing", "requires_capture", "succeeded", "canceled"];

    public static readonly IReadOnlyList<string> RefundStatuses = ["pending", "requires_action", "succeeded", "failed", "canceled"];

    public static GatewayOutcome Payment(JsonNode intent)
    {
        var id = intent.Required(StripeGateway.GatewayName, "id");
        var status = intent.Required(StripeGateway.GatewayName, "status");
        return status switch
        {
            "succeeded" => new GatewayOutcome(PaymentStatus.Succeeded, id) { SavedMethod = KeptMethod(intent) },
            "requires_capture" => new GatewayOutcome(PaymentStatus.Authorized, id),
            "processing" or "requires_confirmation" => new GatewayOutcome(PaymentStatus.Pending, id),
            "requires_action" => new GatewayOutcome(
                PaymentStatus.RequiresAction, id,
                NextActionType: intent["next_action"].Text("type") is "redirect_to_url" ? "redirect" : intent["next_action"].Text("type") ?? "redirect",
                NextActionUrl: intent["next_action"]?["redirect_to_url"].Text("url")),
            // Off-session, the bank wanted the payer (ADR 0038): the intent waits for them to confirm it on-session.
            "requires_payment_method" when intent["last_payment_error"].Text("code") == "authentication_required" => new GatewayOutcome(
                PaymentStatus.RequiresAction, id, NextActionType: "authenticate", NextActionUrl: null),
            // We always create with a payment method and confirm: back here means that attempt failed.
            "requires_payment_method" => Failed(id, intent["last_payment_error"]),
            "canceled" => new GatewayOutcome(
                PaymentStatus.Canceled, id, FailureCode: intent.Text("cancellation_reason") is "abandoned" ? GatewayFailureCodes.Expired : GatewayFailureCodes.PayerCanceled,
                FailureMessage: "The payment was canceled."),
            _ => throw new GatewayException(StripeGateway.GatewayName, GatewayErrorKind.UnexpectedResponse, status, $"Stripe answered an unknown PaymentIntent status '{status}'."),
        };
    }

    /// <summary>
    /// The card a succeeded intent with <c>setup_future_usage=off_session</c> left on its Customer, however the
    /// intent is read (the creation, a sync, a webhook; ADR 0038). Only an expanded payment method carries the card's display.
    /// </summary>
    public static SavedMethodDetails? KeptMethod(JsonNode intent)
    {
        var (method, display) = PaymentMethodOf(intent);
        return intent.Text("setup_future_usage") == "off_session" && intent.Text("customer") is { } customer && method is not null
            ? new SavedMethodDetails(Domain.PaymentMethods.SavedMethodKind.Card, method, customer, display ?? Domain.PaymentMethods.MethodDisplay.None)
            : null;
    }

    /// <summary>
    /// The payment method an intent (payment or set-up) names, and the card's display fields. A webhook's intent names
    /// its payment method by id (a string); only an expanded one carries the card.
    /// </summary>
    private static (string? Id, Domain.PaymentMethods.MethodDisplay? Display) PaymentMethodOf(JsonNode intent)
    {
        if (intent["payment_method"] is not JsonObject expanded)
        {
            return (intent.Text("payment_method"), null);
        }

        var card = expanded["card"];
        return (expanded.Text("id"), card is null
            ? null
            : new Domain.PaymentMethods.MethodDisplay(card.Text("brand"), card.Text("last4"), (int?)card["exp_month"], (int?)card["exp_year"]));
    }

    public static GatewayOutcome Failed(string? id, JsonNode? error) => new(
        PaymentStatus.Failed, id, FailureCode: FailureCode(error), FailureMessage: error.Text("message") ?? "The payment was declined.");

    /// <summary>Stripe's card error codes in our neutral ones.</summary>
    public static string FailureCode(JsonNode? error) => (error.Text("decline_code") ?? error.Text("code")) switch
    {
        "insufficient_funds" => GatewayFailureCodes.InsufficientFunds,
        "expired_card" => GatewayFailureCodes.ExpiredCard,
        "authentication_required" or "payment_intent_authentication_failure" => GatewayFailureCodes.AuthenticationFailed,
        "processing_error" => GatewayFailureCodes.ProcessingError,
        "incorrect_number" or "invalid_number" or "invalid_cvc" or "incorrect_cvc" or "invalid_expiry_month" or "invalid_expiry_year" => GatewayFailureCodes.InvalidPaymentMethod,
        _ => GatewayFailureCodes.CardDeclined,
    };

    public static readonly IReadOnlyList<string> SetupIntentStatuses =
        ["requires_payment_method", "requires_confirmation", "requires_action", "processing", "canceled", "succeeded"];

    /// <summary>A SetupIntent in the neutral set-up vocabulary; the card's display fields when <c>payment_method</c> was expanded.</summary>
    public static GatewaySetupOutcome Setup(JsonNode intent)
    {
        var id = intent.Required(StripeGateway.GatewayName, "id");
        var (method, display) = PaymentMethodOf(intent);
        var status = intent.Required(StripeGateway.GatewayName, "status");
        return status switch
        {
            "succeeded" => new GatewaySetupOutcome(Domain.PaymentMethods.SavedMethodStatus.Active, method, id, display),
            "requires_action" => new GatewaySetupOutcome(
                Domain.PaymentMethods.SavedMethodStatus.RequiresAction, method, id, display, "redirect", intent["next_action"]?["redirect_to_url"].Text("url")),
            "processing" or "requires_confirmation" => new GatewaySetupOutcome(Domain.PaymentMethods.SavedMethodStatus.Pending, method, id, display),
            "requires_payment_method" or "canceled" => new GatewaySetupOutcome(
                Domain.PaymentMethods.SavedMethodStatus.Failed, null, id, display, FailureCode: FailureCode(intent["last_setup_error"]),
                FailureMessage: intent["last_setup_error"].Text("message") ?? "The card could not be set up."),
            _ => throw new GatewayException(StripeGateway.GatewayName, GatewayErrorKind.UnexpectedResponse, status, $"Stripe answered an unknown SetupIntent status '{status}'."),
        };
    }

    public static readonly IReadOnlyList<string> DisputeStatuses =
        ["lost", "needs_response", "under_review", "warning_closed", "warning_needs_response", "warning_under_review", "won"];

    /// <summary>A dispute's status: an inquiry closed without a chargeback (<c>warning_closed</c>) is won; everything not closed is open.</summary>
    public static DisputeStatus Dispute(string status) => status switch
    {
        "won" or "warning_closed" => DisputeStatus.Won,
        "lost" => DisputeStatus.Lost,
        "needs_response" or "under_review" or "warning_needs_response" or "warning_under_review" => DisputeStatus.Disputed,
        _ => throw new GatewayException(StripeGateway.GatewayName, GatewayErrorKind.UnexpectedResponse, status, $"Stripe answered an unknown dispute status '{status}'."),
    };

    public static PaymentStatus Refund(string status) => status switch
    {
        "succeeded" => PaymentStatus.Succeeded,
        "failed" => PaymentStatus.Failed,
        "canceled" => PaymentStatus.Canceled,
        "pending" or "requires_action" => PaymentStatus.Pending,
        _ => throw new GatewayException(StripeGateway.GatewayName, GatewayErrorKind.UnexpectedResponse, status, $"Stripe answered an unknown refund status '{status}'."),
    };
}
