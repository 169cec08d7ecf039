using CleanPrepay.Domain.Common;

namespace CleanPrepay.Application.Payments.ReceiveWebhook;

internal static class WebhookErrors
{
    public static readonly Error UnknownGateway = Error.NotFound("The gateway");

    public static Error Unverified(string reason) => new("webhook_unverified", $"The notification could not be verified: {reason}", ErrorKind.Validation);

    public static readonly Error ProviderUnavailable = new(
        "gateway_unavailable", "The provider could not be reached to verify the notification; deliver it again later.", ErrorKind.Unavailable);
}
