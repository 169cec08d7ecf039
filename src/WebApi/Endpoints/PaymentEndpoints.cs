using CleanPrepay.Application.Payments;
using CleanPrepay.Application.Payments.ConfirmPayment;
using CleanPrepay.Application.Payments.GetPayment;
using CleanPrepay.WebApi.Idempotency;
using CleanPrepay.WebApi.Infrastructure;
using CleanPrepay.WebApi.OpenApi;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanPrepay.WebApi.Endpoints;

internal static class PaymentEndpoints
{
    public static void MapPaymentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/payments").WithTags("Payments").RequireAuthorization().WithStandardProblems();

        group.MapGet("/{paymentId}", async Task<Results<Ok<PaymentDto>, ProblemHttpResult>> (string paymentId, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetPaymentQuery(paymentId), ct)).ToOk())
            .WithName("getPayment");

        group.MapPost("/{paymentId}/confirm", async Task<Results<Ok<PaymentDto>, ProblemHttpResult>> (string paymentId, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ConfirmPaymentCommand(paymentId), ct)).ToOk())
            .WithMetadata(new IdempotentAttribute())
            .WithName("confirmPayment")
            .WithSummary("Completes a payment that required customer action (3-D Secure). Safe to repeat.");
    }
}
