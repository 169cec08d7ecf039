using CleanPrepay.Application.PaymentMethods;
using CleanPrepay.Application.PaymentMethods.ConfirmPaymentMethod;
using CleanPrepay.Application.PaymentMethods.DeletePaymentMethod;
using CleanPrepay.Application.PaymentMethods.ListPaymentMethods;
using CleanPrepay.Application.PaymentMethods.SavePaymentMethod;
using CleanPrepay.Application.PaymentMethods.SetDefaultPaymentMethod;
using CleanPrepay.Domain.PaymentMethods;
using CleanPrepay.WebApi.Idempotency;
using CleanPrepay.WebApi.Infrastructure;
using CleanPrepay.WebApi.OpenApi;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanPrepay.WebApi.Endpoints;

/// <summary>Saved payment methods (docs/reference/contract.md, second round): set up through each provider's own flow, charged off-session later.</summary>
internal static class PaymentMethodEndpoints
{
    public sealed record SavePaymentMethodBody(string? Gateway, string? PaymentMethod, SavedMethodKind? Kind, string? ReturnUrl);

    public sealed record PaymentMethodList(IReadOnlyList<PaymentMethodDto> Items, string? NextCursor);

    public static void MapPaymentMethodEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/customers/{customerId}/payment-methods").WithTags("Payment methods").RequireAuthorization().WithStandardProblems();

        group.MapPost("/", async Task<Results<Created<PaymentMethodDto>, ProblemHttpResult>> (
                string customerId, SavePaymentMethodBody body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new SavePaymentMethodCommand(customerId, body.Gateway, body.PaymentMethod, body.Kind, body.ReturnUrl), ct))
                    .ToCreated(m => $"/v1/customers/{customerId}/payment-methods/{m.Id}"))
            .WithMetadata(new IdempotentAttribute())
            .WithName("savePaymentMethod")
            .WithSummary("Saves a method for off-session charges through the provider's set-up flow (a token or a redirect, never card data); 422 saving_not_supported on Swish and Tink.")
            .ProducesValidationProblem();

        group.MapGet("/", async Task<Results<Ok<PaymentMethodList>, ProblemHttpResult>> (
                string customerId, bool? includeRevoked, IMediator mediator, CancellationToken ct) =>
            {
                var listed = await mediator.Send(new ListPaymentMethodsQuery(customerId, includeRevoked ?? false), ct);
                return listed.IsSuccess ? TypedResults.Ok(new PaymentMethodList(listed.Value, null)) : Problems.From(listed.Error);
            })
            .WithName("listPaymentMethods")
            .WithSummary("The customer's saved methods, newest first (revoked ones with includeRevoked=true).");

        group.MapDelete("/{savedMethodId}", async Task<Results<Ok<PaymentMethodDto>, ProblemHttpResult>> (
                string customerId, string savedMethodId, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new DeletePaymentMethodCommand(customerId, savedMethodId), ct)).ToOk())
            .WithName("deletePaymentMethod")
            .WithSummary("Revokes the method here and at the provider; renewals then use the default method or wait past_due.");

        group.MapPost("/{savedMethodId}/confirm", async Task<Results<Ok<PaymentMethodDto>, ProblemHttpResult>> (
                string customerId, string savedMethodId, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ConfirmPaymentMethodCommand(customerId, savedMethodId), ct)).ToOk())
            .WithName("confirmPaymentMethod")
            .WithSummary("The payer is back from the provider's set-up page (3-D Secure, Mollie's first payment): asks the provider where the set-up stands.");

        group.MapPost("/{savedMethodId}/default", async Task<Results<Ok<PaymentMethodDto>, ProblemHttpResult>> (
                string customerId, string savedMethodId, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new SetDefaultPaymentMethodCommand(customerId, savedMethodId), ct)).ToOk())
            .WithName("setDefaultPaymentMethod")
            .WithSummary("Makes an active method the one renewals and auto top-up fall back to.");
    }
}
