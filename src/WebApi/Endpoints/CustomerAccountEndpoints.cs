using System.Globalization;
using System.Text.Json;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Application.Customers.ExportCustomers;
using CleanPrepay.Application.Customers.GetCustomerAccount;
using CleanPrepay.Application.Customers.ListCustomerProducts;
using CleanPrepay.Application.Views;
using CleanPrepay.Application.Views.RecordView;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Customers;
using CleanPrepay.WebApi.Auth;
using CleanPrepay.WebApi.Idempotency;
using CleanPrepay.WebApi.Infrastructure;
using CleanPrepay.WebApi.OpenApi;
using CsvHelper;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanPrepay.WebApi.Endpoints;

/// <summary>The back office's customer account (kinow-customer-accounts): information tab, products bought, viewing statistics, CSV export.</summary>
internal static class CustomerAccountEndpoints
{
    public sealed record RecordViewBody(string? VideoId, int? Seconds);

    /// <summary>The export's columns, in order; the header row.</summary>
    internal static readonly string[] ExportColumns =
        ["id", "email", "name", "language", "country", "status", "newsletter", "optIn", "registeredAt", "lastVisitAt"];

    private const int ExportFlushEveryRows = 1_000;

    /// <summary>
    /// RFC 4180 (CRLF, quotes only where needed), UTF-8 without a byte order mark. OWASP CSV injection:
    /// a text cell starting with = + - @, tab or CR is a formula to Excel, LibreOffice and Google Sheets,
    /// so it is prefixed with a single quote (and quoted), which they show as text.
    /// </summary>
    private static readonly CsvWriterOptions CsvOptions = new()
    {
        Injection = CsvInjection.Escape,
        InjectionCharacters = "=+-@\t\r",
        InjectionEscape = '\'',
    };

    public static void MapCustomerAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/customers").WithTags("Customers").RequireAuthorization().WithStandardProblems();

        // A literal segment outranks a parameter, so /v1/customers/export never reaches /v1/customers/{customerId}.
        group.MapGet("/export", async Task<Results<PushStreamHttpResult, ProblemHttpResult>> (
                string? q, string? status, bool? newsletter, bool? optIn, HttpResponse response, IMediator mediator, CancellationToken ct) =>
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

                var result = await mediator.Send(new ExportCustomersQuery(q, parsed, newsletter, optIn), ct);
                if (!result.IsSuccess)
                {
                    return Problems.From(result.Error);
                }

                response.Headers.ContentDisposition = "attachment; filename=\"customers.csv\"";
                response.Headers.CacheControl = "no-store";
                return TypedResults.Stream(body => WriteCsvAsync(body, result.Value, ct), "text/csv; charset=utf-8");
            })
            .RequireAuthorization(Roles.AdminPolicy)
            .WithName("exportCustomers")
            .WithSummary("Customers as CSV (header row; id order), searched (q) and filtered by status, newsletter and opt-in as the list is, for a CRM or emailing tool. Streamed.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesValidationProblem();

        group.MapGet("/{customerId}/account", async Task<Results<Ok<CustomerAccountDto>, ProblemHttpResult>> (
                string customerId, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetCustomerAccountQuery(customerId), ct)).ToOk())
            .WithName("getCustomerAccount")
            .WithSummary("The account view: profile plus valid (paid) orders, videos viewed, seconds watched and accesses active now.");

        group.MapGet("/{customerId}/products", async Task<Results<Ok<Page<CustomerProductDto>>, ProblemHttpResult>> (
                string customerId, int? limit, string? cursor, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ListCustomerProductsQuery(customerId, limit, cursor), ct)).ToOk())
            .WithName("listCustomerProducts")
            .WithSummary("The distinct videos, plans and packages of the customer's paid orders, with when first bought and how often.")
            .ProducesValidationProblem();

        group.MapPost("/{customerId}/views", async Task<Results<Created<ViewDto>, ProblemHttpResult>> (
                string customerId, RecordViewBody body, IMediator mediator, CancellationToken ct) =>
            {
                var result = await mediator.Send(new RecordViewCommand(customerId, body.VideoId, body.Seconds), ct);
                return result.IsSuccess ? TypedResults.Created((string?)null, result.Value) : Problems.From(result.Error);
            })
            .WithMetadata(new IdempotentAttribute())
            .WithName("recordView")
            .WithSummary("Records seconds of a video watched; the customer must be entitled to the video now (else 422 not_entitled).")
            .ProducesValidationProblem();
    }

    /// <summary>
    /// Streams rows as they are read, flushing every <see cref="ExportFlushEveryRows"/> rows, so memory stays flat
    /// however many customers there are and the client starts receiving at once.
    /// </summary>
    private static async Task WriteCsvAsync(Stream body, IAsyncEnumerable<CustomerExportRow> rows, CancellationToken ct)
    {
        await using var csv = CsvWriter.Create(body, CsvOptions, leaveOpen: true);
        csv.WriteHeader(ExportColumns);
        var count = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            csv.WriteField(row.Id);
            csv.WriteField(row.Email);
            csv.WriteField(row.Name);
            csv.WriteField(row.Language);
            csv.WriteField(row.Country ?? string.Empty);
            csv.WriteField(JsonNamingPolicy.SnakeCaseLower.ConvertName(row.Status.ToString()));
            csv.WriteField(row.Newsletter ? "true" : "false");
            csv.WriteField(row.OptIn ? "true" : "false");
            csv.WriteField(Instant(row.RegisteredAt));
            csv.WriteField(row.LastVisitAt is { } visit ? Instant(visit) : string.Empty);
            await csv.EndRecordAsync(ct);
            if (++count % ExportFlushEveryRows == 0)
            {
                await csv.FlushAsync(ct);
            }
        }

        await csv.FlushAsync(ct);
    }

    /// <summary>ISO 8601 UTC with a Z, as the JSON instants are.</summary>
    private static string Instant(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture);
}
