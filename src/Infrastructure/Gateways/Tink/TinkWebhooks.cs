using System.Globalization;
using System.Security.Cryptography;
using System.Text;
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
        var secrets = options.WebhookSecrets.ToList();
        if (secrets.Count == 0)
        {
            return WebhookVerification.Rejected("no Tink webhook secret is configured.");
        }

        if (request.Header(SignatureHeader) is not { Length: > 0 } header)
        {
            return WebhookVerification.Rejected($"the {SignatureHeader} header is missing.");
        }

        long? timestamp = null;
        var signatures = new List<byte[]>();
        foreach (var part in header.Split(','))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2)
            {
                continue;
            }

            switch (pair[0].Trim())
            {
                case "t" when long.TryParse(pair[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var t):
                    timestamp = t;
                    break;
                case "v1":
                    try
                    {
                        signatures.Add(Convert.FromHexString(pair[1].Trim()));
                    }
                    catch (FormatException)
                    {
                        // not a signature: ignored like any other key
                    }

                    break;
            }
        }

        if (timestamp is null || signatures.Count == 0)
        {
            return WebhookVerification.Rejected($"the {SignatureHeader} header has no timestamp or no v1 signature.");
        }

        var signed = Encoding.UTF8.GetBytes(timestamp.Value.ToString(CultureInfo.InvariantCulture) + ".").Concat(request.Body).ToArray();
        var matches = secrets.Any(secret =>
        {
            var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
            return signatures.Any(s => CryptographicOperations.FixedTimeEquals(s, expected));
        });
        if (!matches)
        {
            return WebhookVerification.Rejected("no v1 signature matches.");
        }

        // Checked after the signature, so the timestamp itself is signed: a replay outside the window is refused.
        var age = request.ReceivedAt - DateTimeOffset.FromUnixTimeSeconds(timestamp.Value);
        if (age.Duration() > options.WebhookTolerance)
        {
            return WebhookVerification.Rejected($"the signature's timestamp is outside the {options.WebhookTolerance.TotalSeconds:0} s window.");
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
