using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Application.Packages;
using CleanPrepay.Application.Packages.CreatePackage;
using CleanPrepay.Application.Packages.DeletePackage;
using CleanPrepay.Application.Packages.GetPackage;
using CleanPrepay.Application.Packages.ListPackages;
using CleanPrepay.Application.Packages.UpdatePackage;
using CleanPrepay.WebApi.Auth;
using CleanPrepay.WebApi.Idempotency;
using CleanPrepay.WebApi.Infrastructure;
using CleanPrepay.WebApi.OpenApi;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanPrepay.WebApi.Endpoints;

internal static class PackageEndpoints
{
    public sealed record UpdatePackageBody(string? Name, MoneyInput? Price, GrantInput? Grants, bool? Active);

    public static void MapPackageEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/prepayment-packages").WithTags("Prepayment packages").RequireAuthorization(Roles.AdminPolicy).WithStandardProblems();

        group.MapPost("/", async Task<Results<Created<PackageDto>, ProblemHttpResult>> (CreatePackageCommand body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(body, ct)).ToCreated(p => $"/v1/prepayment-packages/{p.Id}"))
            .WithMetadata(new IdempotentAttribute())
            .WithName("createPrepaymentPackage")
            .WithSummary("Creates a refill package granting an amount or video credits.")
            .ProducesValidationProblem();

        group.MapGet("/", async Task<Results<Ok<Page<PackageDto>>, ProblemHttpResult>> (bool? active, int? limit, string? cursor, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ListPackagesQuery(active, limit, cursor), ct)).ToOk())
            .WithName("listPrepaymentPackages");

        group.MapGet("/{packageId}", async Task<Results<Ok<PackageDto>, ProblemHttpResult>> (string packageId, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetPackageQuery(packageId), ct)).ToOk())
            .WithName("getPrepaymentPackage");

        group.MapPatch("/{packageId}", async Task<Results<Ok<PackageDto>, ProblemHttpResult>> (
                string packageId, UpdatePackageBody body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new UpdatePackageCommand(packageId, body.Name, body.Price, body.Grants, body.Active), ct)).ToOk())
            .WithName("updatePrepaymentPackage")
            .ProducesValidationProblem();

        group.MapDelete("/{packageId}", async Task<Results<NoContent, ProblemHttpResult>> (string packageId, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new DeletePackageCommand(packageId), ct)).ToNoContent())
            .WithName("deletePrepaymentPackage")
            .WithSummary("Retires a package; past top-ups keep their reference.");
    }
}
