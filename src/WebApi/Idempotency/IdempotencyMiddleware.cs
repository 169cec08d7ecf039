using CleanPrepay.Application.Abstractions.Idempotency;
using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.WebApi.Infrastructure;

namespace CleanPrepay.WebApi.Idempotency;

/// <summary>Marks an endpoint whose POST accepts <c>Idempotency-Key</c>.</summary>
public sealed class IdempotentAttribute : Attribute;

/// <summary>
/// <c>Idempotency-Key</c> as docs/reference/contract.md#idempotency defines it; a key under which anything
/// committed is never freed, so a retry never charges twice (ADR 0024).
/// An empty header is no key (generated clients send one when the caller gave none).
/// </summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>Set by the exception handler on a 409 that a retry may not meet again (a lost race).</summary>
    public const string TransientItem = "cleanprepay.transient-conflict";

    public async Task InvokeAsync(HttpContext context, IIdempotencyStore store, ICurrentUser user, CurrentIdempotencyKey current)
    {
        if (!HttpMethods.IsPost(context.Request.Method)
            || context.GetEndpoint()?.Metadata.GetMetadata<IdempotentAttribute>() is null
            || !context.Request.Headers.TryGetValue(Header, out var values)
            || values.All(string.IsNullOrWhiteSpace))
        {
            await next(context);
            return;
        }

        var key = values.ToString();
        if (values.Count != 1 || key.Length > 255)
        {
            await WriteProblemAsync(context, Problems.Create(400, "validation_failed", "Idempotency-Key must be one value of 1 to 255 characters.",
                new Dictionary<string, string[]> { [Header] = ["Idempotency-Key must be one value of 1 to 255 characters."] }));
            return;
        }

        var scope = user.Actor;
        var hash = await RequestFingerprint.ComputeAsync(context.Request);
        if (hash is null)
        {
            await WriteProblemAsync(context, Problems.Create(400, "validation_failed", "The request body repeats a property name.",
                new Dictionary<string, string[]> { ["body"] = ["A JSON object may name each property once."] }));
            return;
        }

        var ct = context.RequestAborted;
        var (state, stored) = await store.BeginAsync(scope, key, hash, ct);
        switch (state)
        {
            case IdempotencyState.Mismatch:
                await WriteProblemAsync(context, Problems.Create(422, "idempotency_key_reused", "This Idempotency-Key was used with a different request."));
                return;
            case IdempotencyState.InProgress:
                await WriteProblemAsync(context, Problems.Create(409, "idempotency_request_in_progress", "A request with this Idempotency-Key is still being processed."));
                return;
            case IdempotencyState.Completed:
                await ReplayAsync(context, stored!);
                return;
            case IdempotencyState.Interrupted:
                await WriteProblemAsync(context, Problems.Create(409, "idempotency_request_interrupted",
                    "The first request with this Idempotency-Key committed a change (a payment may have started) and then failed or stopped "
                    + "answering. It is not run again: read what it created, which reconciliation brings to its final state."));
                return;
        }

        current.Set(scope, key);

        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        var completed = false;
        try
        {
            await next(context);
            // A 5xx is never stored: before a commit it frees the key, after one it ends the hold (interrupted).
            var transient = context.Items.ContainsKey(TransientItem);
            if (context.Response.StatusCode < 500 && (current.Committed || !transient))
            {
                await store.CompleteAsync(
                    scope,
                    key,
                    new StoredResponse(context.Response.StatusCode, context.Response.ContentType, context.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null, buffer.ToArray()),
                    CancellationToken.None);
                completed = true;
            }
        }
        finally
        {
            if (!completed)
            {
                await store.AbandonAsync(scope, key, CancellationToken.None);
            }

            context.Response.Body = original;
            buffer.Position = 0;
            await buffer.CopyToAsync(original, CancellationToken.None);
        }
    }

    private static async Task ReplayAsync(HttpContext context, StoredResponse stored)
    {
        context.Response.StatusCode = stored.StatusCode;
        context.Response.ContentType = stored.ContentType;
        if (stored.Location is not null)
        {
            context.Response.Headers.Location = stored.Location;
        }

        context.Response.Headers[ReplayedHeader] = "true";
        await context.Response.Body.WriteAsync(stored.Body, context.RequestAborted);
    }

    private static async Task WriteProblemAsync(HttpContext context, Microsoft.AspNetCore.Mvc.ProblemDetails problem)
    {
        context.Response.StatusCode = problem.Status!.Value;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
