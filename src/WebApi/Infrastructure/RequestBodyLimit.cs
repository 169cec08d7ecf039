using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace CleanPrepay.WebApi.Infrastructure;

/// <summary>A route's own body limit, for the few that need more (or less) than <see cref="RequestBodyLimitOptions.MaxBytes"/>.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
internal sealed class RequestBodyLimitAttribute(long maxBytes) : Attribute, IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize => maxBytes;
}

/// <summary>Configuration section <c>Http</c>.</summary>
internal sealed class RequestBodyLimitOptions
{
    public const string Section = "Http";

    /// <summary>The largest request body a route takes unless it says otherwise (64 KB: no JSON request here comes near it).</summary>
    public long MaxBytes { get; set; } = 64 * 1024;
}

/// <summary>
/// Refuses an oversized body with 413 <c>payload_too_large</c> before anything reads it: a declared
/// Content-Length over the limit is refused unread; a chunked body is read up to the limit and then
/// handed on from memory, so no later reader (the idempotency fingerprint, the JSON binder) meets more.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next, Microsoft.Extensions.Options.IOptions<RequestBodyLimitOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? options.Value.MaxBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } server)
        {
            server.MaxRequestBodySize = limit + 1; // Kestrel's own guard as a backstop; ours answers first
        }

        var request = context.Request;
        if (request.ContentLength > limit)
        {
            await TooLargeAsync(context, limit);
            return;
        }

        if (request.ContentLength is null && HasBody(request))
        {
            var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    await TooLargeAsync(context, limit);
                    return;
                }

                buffer.Write(chunk, 0, read);
            }

            buffer.Position = 0;
            request.Body = buffer;
            request.ContentLength = buffer.Length;
            context.Response.RegisterForDispose(buffer);
        }

        await next(context);
    }

    private static bool HasBody(HttpRequest request) =>
        request.Headers.TransferEncoding.Count > 0 || (request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? false);

    private static async Task TooLargeAsync(HttpContext context, long limit)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        context.Response.Headers.Connection = "close"; // the rest of the body is not read
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = Problems.Create(StatusCodes.Status413PayloadTooLarge, "payload_too_large", $"The request body is larger than this operation takes ({limit} bytes)."),
        });
    }
}
