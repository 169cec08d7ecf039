using CleanPrepay.Domain.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanPrepay.WebApi.Infrastructure;

/// <summary>Result → typed HTTP answers.</summary>
internal static class HttpResults
{
    public static Results<Ok<T>, ProblemHttpResult> ToOk<T>(this Result<T> result) =>
        result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.From(result.Error);

    public static Results<Created<T>, ProblemHttpResult> ToCreated<T>(this Result<T> result, Func<T, string> location) =>
        result.IsSuccess ? TypedResults.Created(location(result.Value), result.Value) : Problems.From(result.Error);

    public static Results<NoContent, ProblemHttpResult> ToNoContent<T>(this Result<T> result) =>
        result.IsSuccess ? TypedResults.NoContent() : Problems.From(result.Error);
}
