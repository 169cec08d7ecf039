using CleanPrepay.Domain.Common;
using CleanPrepay.WebApi.Auth;
using CleanPrepay.WebApi.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanPrepay.WebApi.Endpoints;

/// <summary>Mapped only in the Development environment: everywhere else the route does not exist (404).</summary>
internal static class DevEndpoints
{
    public sealed record DevTokenRequest(string? Role, string? CustomerId);

    public sealed record DevTokenResponse(string Token);

    public static void MapDevEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/v1/dev/tokens", Results<Ok<DevTokenResponse>, ProblemHttpResult> (DevTokenRequest body, TokenIssuer issuer) =>
            body switch
            {
                { Role: Roles.Admin } => TypedResults.Ok(new DevTokenResponse(issuer.Issue(Roles.Admin, "dev-admin"))),
                { Role: Roles.Customer, CustomerId: { Length: > 0 and <= 64 } id } => TypedResults.Ok(new DevTokenResponse(issuer.Issue(Roles.Customer, id))),
                { Role: Roles.Customer } => Problems.From(Error.Validation("customerId", "A customer token needs the customerId.")),
                _ => Problems.From(Error.Validation("role", "The role is 'admin' or 'customer'.")),
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
}
