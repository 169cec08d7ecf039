using CleanPrepay.Application.BonusRules;
using CleanPrepay.Application.BonusRules.CreateBonusRule;
using CleanPrepay.Application.BonusRules.DeleteBonusRule;
using CleanPrepay.Application.BonusRules.ListBonusRules;
using CleanPrepay.Application.Catalog;
using CleanPrepay.Application.Catalog.CreatePlan;
using CleanPrepay.Application.Catalog.CreateVideo;
using CleanPrepay.Application.Catalog.GetPlan;
using CleanPrepay.Application.Catalog.GetVideo;
using CleanPrepay.Application.Catalog.ListPlans;
using CleanPrepay.Application.Catalog.ListVideos;
using CleanPrepay.Application.Catalog.UpdatePlan;
using CleanPrepay.Application.Catalog.UpdateVideo;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Bonuses;
using CleanPrepay.Domain.Catalog;
using CleanPrepay.WebApi.Auth;
using CleanPrepay.WebApi.Idempotency;
using CleanPrepay.WebApi.Infrastructure;
using CleanPrepay.WebApi.OpenApi;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanPrepay.WebApi.Endpoints;

/// <summary>Plans and videos: staff write, anyone reads (the storefront browses without an account).</summary>
internal static class CatalogEndpoints
{
    public sealed record UpdatePlanBody(string? Name, MoneyInput? Price, IReadOnlyList<MoneyInput?>? Prices, int? TrialDays, bool? CardlessTrial, MoneyInput? MinPrepayment, bool? Active, PlanCoverage? Coverage, IReadOnlyList<string?>? VideoIds);

    public sealed record UpdateVideoBody(string? Title, OfferInput? Rent, OfferInput? Buy, bool? Active, bool? RentOrBuyOnly);

    public sealed record CreateBonusRuleBody(BonusTrigger? Trigger, string? PlanId, long? GrantCredits, MoneyInput? GrantAmount);

    public static void MapCatalogEndpoints(this IEndpointRouteBuilder app)
    {
        var plans = app.MapGroup("/v1/plans").WithTags("Catalog").WithStandardProblems();
        plans.MapPost("/", async Task<Results<Created<PlanDto>, ProblemHttpResult>> (CreatePlanCommand body, IMediator m, CancellationToken ct) =>
                (await m.Send(body, ct)).ToCreated(p => $"/v1/plans/{p.Id}"))
            .RequireAuthorization(Roles.AdminPolicy).WithMetadata(new IdempotentAttribute()).WithName("createPlan").ProducesValidationProblem();
        plans.MapGet("/", async Task<Results<Ok<Page<PlanDto>>, ProblemHttpResult>> (bool? active, int? limit, string? cursor, IMediator m, CancellationToken ct) =>
                (await m.Send(new ListPlansQuery(active, limit, cursor), ct)).ToOk())
            .AllowAnonymous().ProducesProblem(StatusCodes.Status429TooManyRequests).WithName("listPlans").WithSummary("Plans, newest first; only staff see inactive plans.");
        plans.MapGet("/{planId}", async Task<Results<Ok<PlanDto>, ProblemHttpResult>> (string planId, IMediator m, CancellationToken ct) =>
                (await m.Send(new GetPlanQuery(planId), ct)).ToOk())
            .AllowAnonymous().ProducesProblem(StatusCodes.Status429TooManyRequests).WithName("getPlan");
        plans.MapPatch("/{planId}", async Task<Results<Ok<PlanDto>, ProblemHttpResult>> (string planId, UpdatePlanBody body, IMediator m, CancellationToken ct) =>
                (await m.Send(new UpdatePlanCommand(planId, body.Name, body.Price, body.Prices, body.TrialDays, body.CardlessTrial, body.MinPrepayment, body.Active, body.Coverage, body.VideoIds), ct)).ToOk())
            .RequireAuthorization(Roles.AdminPolicy).WithName("updatePlan").ProducesValidationProblem();
        plans.MapPost("/{planId}/activate", async Task<Results<Ok<PlanDto>, ProblemHttpResult>> (string planId, IMediator m, CancellationToken ct) =>
                (await m.Send(new UpdatePlanCommand(planId, null, null, null, null, null, null, true), ct)).ToOk())
            .RequireAuthorization(Roles.AdminPolicy).WithName("activatePlan");
        plans.MapPost("/{planId}/deactivate", async Task<Results<Ok<PlanDto>, ProblemHttpResult>> (string planId, IMediator m, CancellationToken ct) =>
                (await m.Send(new UpdatePlanCommand(planId, null, null, null, null, null, null, false), ct)).ToOk())
            .RequireAuthorization(Roles.AdminPolicy).WithName("deactivatePlan").WithSummary("A deactivated plan cannot be ordered.");

        var videos = app.MapGroup("/v1/videos").WithTags("Catalog").WithStandardProblems();
        videos.MapPost("/", async Task<Results<Created<VideoDto>, ProblemHttpResult>> (CreateVideoCommand body, IMediator m, CancellationToken ct) =>
                (await m.Send(body, ct)).ToCreated(v => $"/v1/videos/{v.Id}"))
            .RequireAuthorization(Roles.AdminPolicy).WithMetadata(new IdempotentAttribute()).WithName("createVideo").ProducesValidationProblem();
        videos.MapGet("/", async Task<Results<Ok<Page<VideoDto>>, ProblemHttpResult>> (bool? active, int? limit, string? cursor, IMediator m, CancellationToken ct) =>
                (await m.Send(new ListVideosQuery(active, limit, cursor), ct)).ToOk())
            .AllowAnonymous().ProducesProblem(StatusCodes.Status429TooManyRequests).WithName("listVideos");
        videos.MapGet("/{videoId}", async Task<Results<Ok<VideoDto>, ProblemHttpResult>> (string videoId, IMediator m, CancellationToken ct) =>
                (await m.Send(new GetVideoQuery(videoId), ct)).ToOk())
            .AllowAnonymous().ProducesProblem(StatusCodes.Status429TooManyRequests).WithName("getVideo");
        videos.MapPatch("/{videoId}", async Task<Results<Ok<VideoDto>, ProblemHttpResult>> (string videoId, UpdateVideoBody body, IMediator m, CancellationToken ct) =>
                (await m.Send(new UpdateVideoCommand(videoId, body.Title, body.Rent, body.Buy, body.Active, body.RentOrBuyOnly), ct)).ToOk())
            .RequireAuthorization(Roles.AdminPolicy).WithName("updateVideo").ProducesValidationProblem();
        videos.MapPost("/{videoId}/activate", async Task<Results<Ok<VideoDto>, ProblemHttpResult>> (string videoId, IMediator m, CancellationToken ct) =>
                (await m.Send(new UpdateVideoCommand(videoId, null, null, null, true), ct)).ToOk())
            .RequireAuthorization(Roles.AdminPolicy).WithName("activateVideo");
        videos.MapPost("/{videoId}/deactivate", async Task<Results<Ok<VideoDto>, ProblemHttpResult>> (string videoId, IMediator m, CancellationToken ct) =>
                (await m.Send(new UpdateVideoCommand(videoId, null, null, null, false), ct)).ToOk())
            .RequireAuthorization(Roles.AdminPolicy).WithName("deactivateVideo").WithSummary("A deactivated video cannot be ordered.");

        var bonuses = app.MapGroup("/v1/bonus-rules").WithTags("Bonus rules").RequireAuthorization(Roles.AdminPolicy).WithStandardProblems();
        bonuses.MapPost("/", async Task<Results<Created<BonusRuleDto>, ProblemHttpResult>> (CreateBonusRuleBody body, IMediator m, CancellationToken ct) =>
                (await m.Send(new CreateBonusRuleCommand(body.Trigger, body.PlanId, body.GrantCredits, body.GrantAmount), ct)).ToCreated(b => $"/v1/bonus-rules/{b.Id}"))
            .WithMetadata(new IdempotentAttribute()).WithName("createBonusRule").ProducesValidationProblem()
            .WithSummary("A gift when a subscription is bought: credits or an amount, for one plan or all.");
        bonuses.MapGet("/", async Task<Results<Ok<Page<BonusRuleDto>>, ProblemHttpResult>> (IMediator m, CancellationToken ct) =>
                (await m.Send(new ListBonusRulesQuery(), ct)).ToOk())
            .WithName("listBonusRules");
        bonuses.MapDelete("/{bonusRuleId}", async Task<Results<NoContent, ProblemHttpResult>> (string bonusRuleId, IMediator m, CancellationToken ct) =>
                (await m.Send(new DeleteBonusRuleCommand(bonusRuleId), ct)).ToNoContent())
            .WithName("deleteBonusRule");
    }
}
