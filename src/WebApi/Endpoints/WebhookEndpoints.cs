using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Application.Payments.ReceiveWebhook;
using CleanPrepay.WebApi.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanPrepay.WebApi.Endpoints;

internal static class WebhookEndpoints
{
    /// <summary>No provider sends anything near this; a larger body is refused before it is read.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    public static void MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/webhooks").WithTags("Webhooks").AllowAnonymous();

        group.MapPost("/{gateway}", async Task<Results<Ok<WebhookReceiptDto>, ProblemHttpResult>> (
                    string gateway, HttpRequest http, IMediator mediator, TimeProvider time, CancellationToken ct) =>
                {
                    var body = await ReadBodyAsync(http, ct);
                    if (body is null)
                    {
                        return TypedResults.Problem(Problems.Create(
                            StatusCodes.Status413PayloadTooLarge, "payload_too_large", $"A notification is at most {MaxBodyBytes} bytes."));
                    }

                    var headers = http.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
                    return (await mediator.Send(new ReceiveWebhookCommand(gateway, new WebhookRequest(headers, body, time.GetUtcNow())), ct)).ToOk();
                })
            .Accepts<string>("application/json", "application/x-www-form-urlencoded")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithMetadata(new RequestBodyLimitAttribute(MaxBodyBytes))
            .WithName("receiveWebhook")
            .WithSummary("A payment provider's notification: verified as the provider documents, stored in the inbox and applied exactly once.")
            .WithDescription(
                "For stripe, paypal, mollie, swish, tink and securionpay. An unverifiable request is 400 `webhook_unverified` and changes nothing; "
                + "a re-delivered or replayed event is acknowledged and changes nothing twice; one naming no payment or refund of ours is acknowledged "
                + "with nothing received, without asking the provider; 429 `rate_limited` past the per-address limit; 503 `gateway_unavailable` when "
                + "the provider could not be asked to confirm the notification (the provider delivers it again).");
    }

    /// <summary>The exact bytes (signatures are over them), or null when the body is over the limit.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest http, CancellationToken ct)
    {
        if (http.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
