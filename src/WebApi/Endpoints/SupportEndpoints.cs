using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Application.Support;
using CleanPrepay.Application.Support.CloseConversation;
using CleanPrepay.Application.Support.GetConversation;
using CleanPrepay.Application.Support.ListConversations;
using CleanPrepay.Application.Support.OpenConversation;
using CleanPrepay.Application.Support.ReplyToConversation;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Support;
using CleanPrepay.WebApi.Idempotency;
using CleanPrepay.WebApi.Infrastructure;
using CleanPrepay.WebApi.OpenApi;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanPrepay.WebApi.Endpoints;

/// <summary>Support conversations (docs/reference/contract.md, second round; the account's Messages tab): customers see only their own.</summary>
internal static class SupportEndpoints
{
    public sealed record OpenConversationBody(string? Subject, string? Body);

    public sealed record ReplyBody(string? Body);

    public static void MapSupportEndpoints(this IEndpointRouteBuilder app)
    {
        var customers = app.MapGroup("/v1/customers/{customerId}/conversations").WithTags("Support").RequireAuthorization().WithStandardProblems();

        customers.MapGet("/", async Task<Results<Ok<Page<ConversationSummaryDto>>, ProblemHttpResult>> (
                string customerId, string? status, int? limit, string? cursor, IMediator mediator, CancellationToken ct) =>
            {
                ConversationStatus? parsed = null;
                if (status is not null)
                {
                    if (!Enum.TryParse<ConversationStatus>(status, ignoreCase: true, out var s) || int.TryParse(status, out _))
                    {
                        return Problems.From(Error.Validation("status", "The status is 'open' or 'closed'."));
                    }

                    parsed = s;
                }

                return (await mediator.Send(new ListConversationsQuery(customerId, parsed, limit, cursor), ct)).ToOk();
            })
            .WithName("listConversations")
            .WithSummary("The customer's support conversations, newest first, without their messages (status=open|closed filters).");

        customers.MapPost("/", async Task<Results<Created<ConversationDto>, ProblemHttpResult>> (
                string customerId, OpenConversationBody body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new OpenConversationCommand(customerId, body.Subject, body.Body), ct)).ToCreated(c => $"/v1/conversations/{c.Id}"))
            .WithMetadata(new IdempotentAttribute())
            .WithName("openConversation")
            .WithSummary("Opens a conversation with its first message, from the customer or (for staff) from support.")
            .ProducesValidationProblem();

        var conversations = app.MapGroup("/v1/conversations").WithTags("Support").RequireAuthorization().WithStandardProblems();

        conversations.MapGet("/{conversationId}", async Task<Results<Ok<ConversationDto>, ProblemHttpResult>> (
                string conversationId, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetConversationQuery(conversationId), ct)).ToOk())
            .WithName("getConversation")
            .WithSummary("A conversation with its messages in order; another customer's answers 404.");

        conversations.MapPost("/{conversationId}/messages", async Task<Results<Created<ConversationDto>, ProblemHttpResult>> (
                string conversationId, ReplyBody body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ReplyToConversationCommand(conversationId, body.Body), ct)).ToCreated(c => $"/v1/conversations/{c.Id}"))
            .WithMetadata(new IdempotentAttribute())
            .WithName("replyToConversation")
            .WithSummary("Adds a message and answers the conversation; 409 conversation_closed once it is closed.")
            .ProducesValidationProblem();

        conversations.MapPost("/{conversationId}/close", async Task<Results<Ok<ConversationDto>, ProblemHttpResult>> (
                string conversationId, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new CloseConversationCommand(conversationId), ct)).ToOk())
            .WithName("closeConversation")
            .WithSummary("Closes the conversation; closing it again answers it unchanged.");
    }
}
