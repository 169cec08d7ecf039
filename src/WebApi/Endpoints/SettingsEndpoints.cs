using CleanPrepay.Application.Settings;
using CleanPrepay.Application.Settings.GetSettings;
using CleanPrepay.Application.Settings.UpdateSettings;
using CleanPrepay.WebApi.Auth;
using CleanPrepay.WebApi.Infrastructure;
using CleanPrepay.WebApi.OpenApi;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanPrepay.WebApi.Endpoints;

internal static class SettingsEndpoints
{
    public static void MapSettingsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/settings").WithTags("Settings").RequireAuthorization(Roles.AdminPolicy).WithStandardProblems();

        group.MapGet("/", async Task<Results<Ok<SettingsDto>, ProblemHttpResult>> (IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetSettingsQuery(), ct)).ToOk())
            .WithName("getSettings")
            .WithSummary("The merchant's settings: prepayment, negative-balance limits, currencies.");

        group.MapPut("/", async Task<Results<Ok<SettingsDto>, ProblemHttpResult>> (UpdateSettingsCommand body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(body, ct)).ToOk())
            .WithName("updateSettings")
            .WithSummary("Replaces the merchant's settings; omitted fields keep their value.")
            .ProducesValidationProblem();
    }
}
