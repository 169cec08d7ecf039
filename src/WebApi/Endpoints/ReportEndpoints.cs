using CleanPrepay.Application.Reports;
using CleanPrepay.Application.Reports.GetOverview;
using CleanPrepay.WebApi.Auth;
using CleanPrepay.WebApi.Infrastructure;
using CleanPrepay.WebApi.OpenApi;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanPrepay.WebApi.Endpoints;

/// <summary>Read-only figures for the back office (admin).</summary>
internal static class ReportEndpoints
{
    public static void MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/reports").WithTags("Reports").RequireAuthorization(Roles.AdminPolicy).WithStandardProblems();

        group.MapGet("/overview", async Task<Results<Ok<OverviewDto>, ProblemHttpResult>> (DateOnly? from, DateOnly? to, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetOverviewQuery(from, to), ct)).ToOk())
            .WithName("getOverview")
            .WithSummary("The dashboard's figures for UTC days from..to (default the last 30): top-ups and order revenue per day per currency, active subscriptions, renewals due, paid and failed.");
    }
}
