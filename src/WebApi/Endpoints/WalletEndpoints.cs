using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Application.Payments;
using CleanPrepay.Application.Payments.Charging;
using CleanPrepay.Application.Wallets;
using CleanPrepay.Application.Wallets.AdjustWallet;
using CleanPrepay.Application.Wallets.GetTopUp;
using CleanPrepay.Application.Wallets.GetWallet;
using CleanPrepay.Application.Wallets.ListWalletTransactions;
using CleanPrepay.Application.Wallets.TopUpWallet;
using CleanPrepay.WebApi.Auth;
using CleanPrepay.WebApi.Idempotency;
using CleanPrepay.WebApi.Infrastructure;
using CleanPrepay.WebApi.OpenApi;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanPrepay.WebApi.Endpoints;

internal static class WalletEndpoints
{
    public sealed record TopUpBody(string? PackageId, MoneyInput? Amount, PaymentInput? Payment);

    public sealed record AdjustmentBody(AdjustmentDirection? Direction, MoneyInput? Amount, long? Credits, string? Reason);

    public static void MapWalletEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/customers/{customerId}/wallet").WithTags("Wallets").RequireAuthorization().WithStandardProblems();

        group.MapGet("/", async Task<Results<Ok<WalletDto>, ProblemHttpResult>> (string customerId, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetWalletQuery(customerId), ct)).ToOk())
            .WithName("getWallet")
            .WithSummary("The balance of every currency pocket and the credits pocket.");

        group.MapGet("/transactions", async Task<Results<Ok<Page<WalletTransactionDto>>, ProblemHttpResult>> (
                string customerId, int? limit, string? cursor, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ListWalletTransactionsQuery(customerId, limit, cursor), ct)).ToOk())
            .WithName("listWalletTransactions")
            .WithSummary("The wallet's ledger, newest first; each pocket's balance is the sum of its entries.");

        group.MapPost("/top-ups", async Task<Results<Created<TopUpDto>, ProblemHttpResult>> (
                string customerId, TopUpBody body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new TopUpWalletCommand(customerId, body.PackageId, body.Amount, body.Payment), ct))
                    .ToCreated(t => $"/v1/customers/{customerId}/wallet/top-ups/{t.Id}"))
            .WithMetadata(new IdempotentAttribute())
            .WithName("topUpWallet")
            .WithSummary("Refills the wallet with a package or an amount; credited only when the payment succeeds.")
            .ProducesValidationProblem();

        group.MapGet("/top-ups/{topUpId}", async Task<Results<Ok<TopUpDto>, ProblemHttpResult>> (
                string customerId, string topUpId, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetTopUpQuery(customerId, topUpId), ct)).ToOk())
            .WithName("getTopUp");

        group.MapPost("/adjustments", async Task<Results<Created<WalletTransactionDto>, ProblemHttpResult>> (
                string customerId, AdjustmentBody body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new AdjustWalletCommand(customerId, body.Direction, body.Amount, body.Credits, body.Reason), ct))
                    .ToCreated(_ => $"/v1/customers/{customerId}/wallet/transactions"))
            .RequireAuthorization(Roles.AdminPolicy)
            .WithMetadata(new IdempotentAttribute())
            .WithName("adjustWallet")
            .WithSummary("Staff credit or debit one pocket by hand; a debit past the negative-balance limit is 422 insufficient_balance.")
            .ProducesValidationProblem();
    }
}
