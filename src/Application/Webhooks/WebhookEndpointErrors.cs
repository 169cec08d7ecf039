using CleanPrepay.Domain.Common;

namespace CleanPrepay.Application.Webhooks;

public static class WebhookEndpointErrors
{
    public static readonly Error EndpointNotFound = Error.NotFound("The webhook endpoint");

    public static readonly Error DeliveryNotFound = Error.NotFound("The webhook delivery");

    public static Error UrlNotAllowed(string why) => new("url_not_allowed", why, ErrorKind.Unprocessable);
}
