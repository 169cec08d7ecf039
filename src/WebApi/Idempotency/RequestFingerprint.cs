using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CleanPrepay.WebApi.Idempotency;

/// <summary>
/// What makes two requests "the same" under one key: method, path and the body as canonical JSON
/// (properties sorted by name at every depth, no whitespace), so a client that reorders keys is not refused.
/// </summary>
internal static class RequestFingerprint
{
    /// <summary>SHA-256 hex of the canonical request, or null when a JSON object names a property twice.</summary>
    public static async Task<string?> ComputeAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var memory = new MemoryStream();
        await request.Body.CopyToAsync(memory, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        var body = memory.ToArray();
        try
        {
            var node = JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 32 });
            body = Encoding.UTF8.GetBytes(Canonical(node));
        }
        catch (JsonException ex) when (IsDuplicate(ex))
        {
            return null;
        }
        catch (JsonException)
        {
            // Not JSON: the binder will refuse it; hash the raw bytes.
        }

        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}\n"));
        sha.AppendData(body);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static bool IsDuplicate(JsonException ex) => ex.Message.Contains("duplicate", StringComparison.OrdinalIgnoreCase);

    private static string Canonical(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject o => "{" + string.Join(",", o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => JsonSerializer.Serialize(p.Key) + ":" + Canonical(p.Value))) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Canonical)) + "]",
        _ => node.ToJsonString(),
    };
}
