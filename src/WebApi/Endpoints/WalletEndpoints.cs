using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Application.Payments;
using CleanPrepay.Application.Payments.Charging;
using CleanPrepay.Application.Wallets;
using CleanPrepay.Application.Wallets.AdjustWallet;
using CleanPrepay.Application.Wallets.AutoTopUps;
using CleanPrepay.Application.Wallets.ConfigureAutoTopUp;
using CleanPrepay.Application.Wallets.DeleteAutoTopUp;
using CleanPrepay.Application.Wallets.GetAutoTopUp;
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

    public sealed record AutoTopUpBody(bool? Enabled, MoneyInput? Threshold, string? PackageId, MoneyInput? Amount, string? SavedMethodId, int? MaxPerMonth);

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

        group.MapPut("/auto-top-up", async Task<Results<Ok<AutoTopUpDto>, ProblemHttpResult>> (
                string customerId, AutoTopUpBody body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(
                    new ConfigureAutoTopUpCommand(customerId, body.Enabled, body.Threshold, body.PackageId, body.Amount, body.SavedMethodId, body.MaxPerMonth), ct)).ToOk())
            .WithName("putAutoTopUp")
            .WithSummary("Sets the auto top-up of the threshold's pocket: below it, one top-up (a package or an amount) is charged off-session from the saved method (ADR 0039).")
            .ProducesValidationProblem();

        group.MapGet("/auto-top-up", async Task<Results<Ok<AutoTopUpDto>, ProblemHttpResult>> (
                string customerId, string? currency, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetAutoTopUpQuery(customerId, currency), ct)).ToOk())
            .WithName("getAutoTopUp")
            .WithSummary("The pocket's auto top-up with its failures in a row and last top-up; ?currency= when there are several.");

        group.MapDelete("/auto-top-up", async Task<Results<NoContent, ProblemHttpResult>> (
                string customerId, string? currency, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new DeleteAutoTopUpCommand(customerId, currency), ct)).ToNoContent())
            .WithName("deleteAutoTopUp")
            .WithSummary("Removes the pocket's auto top-up; one already in flight still settles.");

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
