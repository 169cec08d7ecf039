using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Application.Webhooks;
using CleanPrepay.Application.Webhooks.CreateWebhookEndpoint;
using CleanPrepay.Application.Webhooks.DeleteWebhookEndpoint;
using CleanPrepay.Application.Webhooks.GetWebhookEndpoint;
using CleanPrepay.Application.Webhooks.ListWebhookDeliveries;
using CleanPrepay.Application.Webhooks.ListWebhookEndpoints;
using CleanPrepay.Application.Webhooks.RetryWebhookDelivery;
using CleanPrepay.Application.Webhooks.RotateWebhookSecret;
using CleanPrepay.Application.Webhooks.UpdateWebhookEndpoint;
using CleanPrepay.WebApi.Auth;
using CleanPrepay.WebApi.Infrastructure;
using CleanPrepay.WebApi.OpenApi;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanPrepay.WebApi.Endpoints;

/// <summary>Outgoing webhooks (Standard Webhooks, ADR 0045): where the platform wants our events, and what was sent there.</summary>
internal static class OutgoingWebhookEndpoints
{
    public sealed record CreateWebhookEndpointBody(string? Url, IReadOnlyList<string?>? Events, string? Description);

    public sealed record UpdateWebhookEndpointBody(string? Url, IReadOnlyList<string?>? Events, string? Description, bool? Enabled);

    public static void MapOutgoingWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        var endpoints = app.MapGroup("/v1/webhook-endpoints").WithTags("Outgoing webhooks").RequireAuthorization(Roles.AdminPolicy).WithStandardProblems();

        endpoints.MapPost("/", async Task<Results<Created<WebhookEndpointDto>, ProblemHttpResult>> (
                CreateWebhookEndpointBody body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new CreateWebhookEndpointCommand(body.Url, body.Events, body.Description), ct)).ToCreated(e => $"/v1/webhook-endpoints/{e.Id}"))
            .WithName("createWebhookEndpoint")
            .WithSummary("Registers an endpoint for the given event types (or \"*\"); the answer shows its signing secret, once.")
            .ProducesValidationProblem();

        endpoints.MapGet("/", async Task<Results<Ok<Page<WebhookEndpointDto>>, ProblemHttpResult>> (
                int? limit, string? cursor, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ListWebhookEndpointsQuery(limit, cursor), ct)).ToOk())
            .WithName("listWebhookEndpoints")
            .WithSummary("The webhook endpoints, newest first, without their secrets.");

        endpoints.MapGet("/{endpointId}", async Task<Results<Ok<WebhookEndpointDto>, ProblemHttpResult>> (
                string endpointId, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetWebhookEndpointQuery(endpointId), ct)).ToOk())
            .WithName("getWebhookEndpoint")
            .WithSummary("One webhook endpoint, without its secret.");

        endpoints.MapPatch("/{endpointId}", async Task<Results<Ok<WebhookEndpointDto>, ProblemHttpResult>> (
                string endpointId, UpdateWebhookEndpointBody body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new UpdateWebhookEndpointCommand(endpointId, body.Url, body.Events, body.Description, body.Enabled), ct)).ToOk())
            .WithName("updateWebhookEndpoint")
            .WithSummary("Changes the given fields; enabling a disabled endpoint starts its five failing days again.")
            .ProducesValidationProblem();

        endpoints.MapDelete("/{endpointId}", async Task<Results<NoContent, ProblemHttpResult>> (
                string endpointId, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new DeleteWebhookEndpointCommand(endpointId), ct)).ToNoContent())
            .WithName("deleteWebhookEndpoint")
            .WithSummary("Deletes the endpoint and its delivery log; nothing more is sent to it.");

        endpoints.MapPost("/{endpointId}/rotate-secret", async Task<Results<Ok<WebhookEndpointDto>, ProblemHttpResult>> (
                string endpointId, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new RotateWebhookSecretCommand(endpointId), ct)).ToOk())
            .WithName("rotateWebhookSecret")
            .WithSummary("A new signing secret, shown once; for 24 h deliveries carry a signature with the old one too.");

        endpoints.MapGet("/{endpointId}/deliveries", async Task<Results<Ok<Page<WebhookDeliveryDto>>, ProblemHttpResult>> (
                string endpointId, int? limit, string? cursor, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ListWebhookDeliveriesQuery(endpointId, limit, cursor), ct)).ToOk())
            .WithName("listWebhookDeliveries")
            .WithSummary("The endpoint's delivery log, newest first: status, attempts, the last answer and the next attempt.");

        var deliveries = app.MapGroup("/v1/webhook-deliveries").WithTags("Outgoing webhooks").RequireAuthorization(Roles.AdminPolicy).WithStandardProblems();

        deliveries.MapPost("/{deliveryId}/retry", async Task<Results<Ok<WebhookDeliveryDto>, ProblemHttpResult>> (
                string deliveryId, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new RetryWebhookDeliveryCommand(deliveryId), ct)).ToOk())
            .WithName("retryWebhookDelivery")
            .WithSummary("Sends the delivery again now, with the same webhook-id and a new timestamp and signature.");
    }
}
