using System.Text.Json;
using System.Text.Json.Serialization;

namespace CleanPrepay.WebApi.Infrastructure;

/// <summary>
/// Refuses text holding U+0000 wherever a caller can put it: PostgreSQL cannot store it, so it would otherwise
/// fail as a 500 deep in the unit of work. JSON strings fail to bind (400 naming the field), and a path or query
/// value is answered 400 before routing.
/// </summary>
internal sealed class NulFreeStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("A string is expected.");
        }

        var value = reader.GetString()!;
        return value.Contains('\0') ? throw new JsonException("Text may not contain the NUL character (U+0000).") : value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

internal sealed class NulFreeUrlMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var field = context.Request.Path.Value?.Contains('\0') == true
            ? "path"
            : context.Request.Query.FirstOrDefault(q => q.Key.Contains('\0') || q.Value.Any(v => v?.Contains('\0') == true)).Key;
        if (field is null)
        {
            await next(context);
            return;
        }

        var problem = Problems.Create(400, "validation_failed", "The URL may not contain the NUL character (%00).", new Dictionary<string, string[]>
        {
            [field.Replace("\0", string.Empty, StringComparison.Ordinal)] = ["The value may not contain the NUL character (%00)."],
        });
        context.Response.StatusCode = 400;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
