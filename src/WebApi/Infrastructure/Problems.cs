using System.Diagnostics;
using CleanPrepay.Domain.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CleanPrepay.WebApi.Infrastructure;

/// <summary>The one way this API describes a failure: RFC 9457 problem+json with a stable <c>code</c> and a <c>traceId</c>.</summary>
public static class Problems
{
    public static ProblemHttpResult From(Error error)
    {
        var status = error.Kind switch
        {
            ErrorKind.Validation => StatusCodes.Status400BadRequest,
            ErrorKind.NotFound => StatusCodes.Status404NotFound,
            ErrorKind.Conflict => StatusCodes.Status409Conflict,
            ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status422UnprocessableEntity,
        };
        return TypedResults.Problem(Create(status, error.Code, error.Message, error.Fields));
    }

    public static ProblemDetails Create(int status, string code, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        var problem = errors is null ? new ProblemDetails() : new ValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value));
        problem.Status = status;
        problem.Title = TitleFor(status);
        problem.Detail = detail;
        problem.Type = $"https://cleanprepay.dev/problems/{code.Replace('_', '-')}";
        problem.Extensions["code"] = code;
        return problem;
    }

    /// <summary>The default code for a status when nothing more specific was said (404 from routing, 405, 415…).</summary>
    public static string CodeFor(int status) => status switch
    {
        400 => "validation_failed",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        409 => "conflict",
        413 => "payload_too_large",
        415 => "unsupported_media_type",
        422 => "unprocessable",
        429 => "rate_limited",
        _ when status >= 500 => "internal_error",
        _ => "error",
    };

    public static void Enrich(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Extensions.TryAdd("code", CodeFor(status));
        problem.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
        problem.Title ??= TitleFor(status);
        problem.Detail ??= problem.Title;
        if (problem.Type is null or "" || problem.Type.StartsWith("https://tools.ietf.org", StringComparison.Ordinal))
        {
            problem.Type = $"https://cleanprepay.dev/problems/{((string)problem.Extensions["code"]!).Replace('_', '-')}";
        }
    }

    private static string TitleFor(int status) => status switch
    {
        400 => "The request is invalid.",
        401 => "Authentication is required.",
        403 => "This caller may not do that.",
        404 => "Not found.",
        409 => "The request conflicts with the current state.",
        415 => "Unsupported media type.",
        422 => "The request cannot be carried out.",
        413 => "The request body is too large.",
        429 => "Too many requests.",
        _ => "An error occurred.",
    };
}
