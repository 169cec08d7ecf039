using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Application.Customers;
using CleanPrepay.Application.Customers.CreateCustomer;
using CleanPrepay.Application.Customers.GetCustomer;
using CleanPrepay.Application.Customers.ListCustomers;
using CleanPrepay.Application.Customers.UpdateCustomer;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Customers;
using CleanPrepay.WebApi.Auth;
using CleanPrepay.WebApi.Idempotency;
using CleanPrepay.WebApi.Infrastructure;
using CleanPrepay.WebApi.OpenApi;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanPrepay.WebApi.Endpoints;

internal static class CustomerEndpoints
{
    public sealed record UpdateCustomerBody(
        string? Email, string? Name, string? Language, string? Country, bool? Newsletter, bool? OptIn, CustomerStatus? Status);

    public static void MapCustomerEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/customers").WithTags("Customers").RequireAuthorization().WithStandardProblems();

        group.MapPost("/", async Task<Results<Created<CustomerDto>, ProblemHttpResult>> (CreateCustomerCommand body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(body, ct)).ToCreated(c => $"/v1/customers/{c.Id}"))
            .RequireAuthorization(Roles.AdminPolicy)
            .WithMetadata(new IdempotentAttribute())
            .WithName("createCustomer")
            .WithSummary("Registers a customer and opens their wallet.")
            .ProducesValidationProblem();

        group.MapGet("/", async Task<Results<Ok<Page<CustomerDto>>, ProblemHttpResult>> (
                string? q, string? status, bool? newsletter, bool? optIn, int? limit, string? cursor, IMediator mediator, CancellationToken ct) =>
            {
                CustomerStatus? parsed = null;
                if (status is not null)
                {
                    if (!Enum.TryParse<CustomerStatus>(status, ignoreCase: true, out var s) || int.TryParse(status, out _))
                    {
                        return Problems.From(Error.Validation("status", "The status is 'active' or 'inactive'."));
                    }

                    parsed = s;
                }

                return (await mediator.Send(new ListCustomersQuery(q, parsed, newsletter, optIn, limit, cursor), ct)).ToOk();
            })
            .RequireAuthorization(Roles.AdminPolicy)
            .WithName("listCustomers")
            .WithSummary("Customers, newest first: searched by exact email or by the start of an email or name (q, without case), filtered by status, newsletter and opt-in.");

        group.MapGet("/{customerId}", async Task<Results<Ok<CustomerDto>, ProblemHttpResult>> (string customerId, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetCustomerQuery(customerId), ct)).ToOk())
            .WithName("getCustomer")
            .WithSummary("One customer's profile (a customer may read only their own).");

        group.MapPatch("/{customerId}", async Task<Results<Ok<CustomerDto>, ProblemHttpResult>> (
                string customerId, UpdateCustomerBody body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(
                    new UpdateCustomerCommand(customerId, body.Email, body.Name, body.Language, body.Country, body.Newsletter, body.OptIn, body.Status), ct)).ToOk())
            .WithName("updateCustomer")
            .WithSummary("Changes the given profile fields; only staff may change the status.")
            .ProducesValidationProblem();
    }
}
