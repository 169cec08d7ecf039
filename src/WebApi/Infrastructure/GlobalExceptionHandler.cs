using System.Text.Json;
using CleanPrepay.Application.Common.Exceptions;
using Microsoft.AspNetCore.Diagnostics;

namespace CleanPrepay.WebApi.Infrastructure;

/// <summary>
/// Turns exceptions into problems. Malformed input (bad JSON, wrong types, wrong content type) is
/// the client's, answered 4xx; only our own bugs are 500, and they say nothing of their internals.
/// </summary>
internal sealed class GlobalExceptionHandler(IProblemDetailsService problems, ILogger<GlobalExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is ConcurrencyConflictException)
        {
            httpContext.Items[Idempotency.IdempotencyMiddleware.TransientItem] = true; // a lost race: a retry may well pass
        }

        var problem = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } =>
                Problems.Create(400, "validation_failed", "The request body is not valid JSON for this operation.", FieldError(json)),
            BadHttpRequestException { StatusCode: 415 } =>
                Problems.Create(415, "unsupported_media_type", "Send the body as application/json."),
            BadHttpRequestException { StatusCode: 413 } =>
                Problems.Create(413, "payload_too_large", "The request body is too large."),
            BadHttpRequestException bad when bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase) =>
                Problems.Create(400, "validation_failed", "A JSON request body is required.", new Dictionary<string, string[]> { ["body"] = ["A JSON request body is required."] }),
            BadHttpRequestException bad =>
                Problems.Create(400, "validation_failed", SafeMessage(bad)),
            JsonException json =>
                Problems.Create(400, "validation_failed", "The request body is not valid JSON for this operation.", FieldError(json)),
            // Money is bounded at ±10^15 (Money's constructor, checked arithmetic): a sum past it is the input's, never a 500.
            OverflowException =>
                Problems.Create(422, "amount_out_of_range", "An amount computed from this request (a total, a tax, a proration or a balance) would exceed 10^15 minor units; nothing was changed."),
            ConcurrencyConflictException or UniqueConstraintException =>
                Problems.Create(409, "conflict", exception.Message),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested =>
                Problems.Create(400, "request_aborted", "The client closed the request."),
            // No database connection came free in time (the pool is bounded, ADR 0037) or a command timed out: load, not a bug.
            _ when IsTimeout(exception) =>
                Problems.Create(503, "service_busy", "The service is too busy to answer now. Retry this request, with the same Idempotency-Key if it had one."),
            _ => null,
        };

        if (problem?.Status == 503)
        {
            logger.LogWarning("Timed out waiting for the database on {Method} {Path}: {Message}", httpContext.Request.Method, httpContext.Request.Path, exception.Message);
            httpContext.Response.Headers.RetryAfter = "1";
        }

        if (problem is null)
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = Problems.Create(500, "internal_error", "An unexpected error occurred; it has been logged with this traceId.");
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static bool IsTimeout(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is TimeoutException)
            {
                return true;
            }
        }

        return false;
    }

    private static Dictionary<string, string[]> FieldError(JsonException json)
    {
        var path = json.Path is { Length: > 2 } p ? p.TrimStart('$').TrimStart('.') : "body";
        return new Dictionary<string, string[]> { [path] = ["The value is missing, malformed or of the wrong type."] };
    }

    /// <summary>Binding messages name parameters and types only, never values; keep them.</summary>
    private static string SafeMessage(BadHttpRequestException ex) =>
        ex.Message.Length > 300 ? "The request is malformed." : ex.Message;
}
