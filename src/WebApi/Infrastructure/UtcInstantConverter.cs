using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CleanPrepay.WebApi.Infrastructure;

/// <summary>Instants go out as ISO 8601 UTC with a Z and at most microseconds (what PostgreSQL keeps): <c>2026-11-20T10:00:00.123456Z</c>.</summary>
internal sealed class UtcInstantConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
        && DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value.ToUniversalTime()
            : throw new JsonException("An instant is an ISO 8601 string such as 2026-11-20T10:00:00Z.");

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture));
}
