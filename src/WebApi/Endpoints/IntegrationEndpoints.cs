using System.Security.Cryptography;
using System.Text;
using CleanPrepay.Application.Customers.UnsubscribeFromNewsletter;
using CleanPrepay.Infrastructure.Integrations.Mailchimp;
using CleanPrepay.WebApi.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CleanPrepay.WebApi.Endpoints;

/// <summary>Third-party systems calling back: Mailchimp's list webhook (ADR 0046).</summary>
internal static class IntegrationEndpoints
{
    public sealed record NewsletterWebhookReceipt(bool Applied);

    public static void MapIntegrationEndpoints(this IEndpointRouteBuilder app)
    {
        var mailchimp = app.MapGroup("/v1/integrations/mailchimp/webhook").WithTags("Integrations").AllowAnonymous();

        // Mailchimp checks a webhook URL with a GET before it saves it.
        mailchimp.MapGet("/", Results<Ok<NewsletterWebhookReceipt>, ProblemHttpResult> (string? secret, IOptions<MailchimpOptions> options) =>
                Verified(options.Value, secret) is { } refused ? refused : TypedResults.Ok(new NewsletterWebhookReceipt(false)))
            .WithName("checkMailchimpWebhook")
            .WithSummary("Answers Mailchimp's check of the webhook URL; 400 webhook_unverified without the configured secret.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        mailchimp.MapPost("/", async Task<Results<Ok<NewsletterWebhookReceipt>, ProblemHttpResult>> (
                string? secret, HttpRequest http, IOptions<MailchimpOptions> options, IMediator mediator, CancellationToken ct) =>
            {
                if (Verified(options.Value, secret) is { } refused)
                {
                    return refused;
                }

                if (!http.HasFormContentType)
                {
                    return TypedResults.Problem(Problems.Create(StatusCodes.Status400BadRequest, "webhook_unverified", "Mailchimp posts a form (application/x-www-form-urlencoded)."));
                }

                var form = await http.ReadFormAsync(ct);
                var type = form["type"].ToString();
                var email = form["data[email]"].ToString();
                // Another list's news is not ours; any other kind of event (subscribe, profile, campaign) changes nothing here.
                if (type is not ("unsubscribe" or "cleaned") || form["data[list_id]"].ToString() != options.Value.ListId || email.Length == 0)
                {
                    return TypedResults.Ok(new NewsletterWebhookReceipt(false));
                }

                var applied = await mediator.Send(new UnsubscribeFromNewsletterCommand(email), ct);
                return applied.IsSuccess ? TypedResults.Ok(new NewsletterWebhookReceipt(applied.Value)) : Problems.From(applied.Error);
            })
            .Accepts<string>("application/x-www-form-urlencoded")
            .WithMetadata(new RequestBodyLimitAttribute(WebhookEndpoints.MaxBodyBytes))
            .WithName("receiveMailchimpWebhook")
            .WithSummary("Mailchimp's list webhook: an unsubscribe (or a cleaned address) sets the customer's newsletter to false.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    /// <summary>404 while the sync is off (nothing to call back); 400 unless the query carries the configured secret.</summary>
    private static ProblemHttpResult? Verified(MailchimpOptions options, string? secret)
    {
        if (!options.IsConfigured || string.IsNullOrEmpty(options.WebhookSecret))
        {
            return TypedResults.Problem(Problems.Create(StatusCodes.Status404NotFound, "not_found", "The Mailchimp integration is not configured."));
        }

        var given = Encoding.UTF8.GetBytes(secret ?? string.Empty);
        return CryptographicOperations.FixedTimeEquals(given, Encoding.UTF8.GetBytes(options.WebhookSecret))
            ? null
            : TypedResults.Problem(Problems.Create(StatusCodes.Status400BadRequest, "webhook_unverified", "The webhook's secret is missing or wrong."));
    }
}
