using System.Text.Json;
using System.Text.Json.Nodes;
using CleanPrepay.Application.Abstractions.Gateways;

namespace CleanPrepay.Infrastructure.Gateways.Tink;

/// <summary>
/// Tink's webhook signature: <c>X-Tink-Signature: t=&lt;unix&gt;,v1=&lt;hex&gt;</c>, v1 being
/// HMAC-SHA256(secret, <c>t + "." + raw body</c>); other keys are ignored, and a delivery outside the
/// replay window is refused.
/// </summary>
internal static class TinkWebhooks
{
    public const string SignatureHeader = "X-Tink-Signature";
    public const string PaymentUpdated = "payment:updated";

    public static WebhookVerification Verify(WebhookRequest request, TinkOptions options)
    {
        if (TimestampedSignature.Check(SignatureHeader, request.Header(SignatureHeader), request.Body, options.WebhookSecrets.ToList(), options.WebhookTolerance, request.ReceivedAt) is { } refused)
        {
            return WebhookVerification.Rejected(refused);
        }

        return Parse(request.Body);
    }

    /// <summary><c>payment:updated</c> in the neutral vocabulary; other events are acknowledged and ignored.</summary>
    public static WebhookVerification Parse(byte[] body)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return WebhookVerification.Rejected("the body is not JSON.");
        }

        if (root is not JsonObject || root.Text("event") is not { } type)
        {
            return WebhookVerification.Rejected("the body is not a Tink event.");
        }

        if (type != PaymentUpdated)
        {
            return WebhookVerification.Accepted();
        }

        var content = root["content"];
        if (content.Text("id") is not { } id || content.Text("paymentRequestId") is not { } paymentRequestId || content.Text("status") is not { } status)
        {
            return WebhookVerification.Rejected("the payment:updated event has no id, paymentRequestId or status.");
        }

        try
        {
            var outcome = TinkStatuses.Transfer(paymentRequestId, status, content.Text("statusMessage"));
            return WebhookVerification.Accepted(new GatewayEvent(
                $"{id}:{status}", type, GatewayEventSubject.Payment, paymentRequestId, outcome.Status, outcome.FailureCode, outcome.FailureMessage));
        }
        catch (GatewayException ex)
        {
            return WebhookVerification.Rejected(ex.Message);
        }
    }
}
