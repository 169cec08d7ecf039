using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CleanPrepay.Application.Abstractions.Gateways;

namespace CleanPrepay.Infrastructure.Gateways;

/// <summary>
/// The HTTP habits every adapter shares: sending through the resilient client, turning HTTP failures
/// into a <see cref="GatewayException"/> of the right kind, and reading JSON. Nothing here logs a body.
/// </summary>
internal static class GatewayHttp
{
    /// <summary>Marks a request as safe to repeat (an idempotency key, or an idempotent verb on our own id).</summary>
    public static readonly HttpRequestOptionsKey<bool> Repeatable = new("CleanPrepay.Repeatable");

    private static readonly AsyncLocal<bool> InWebhookLookup = new();

    /// <summary>
    /// Marks the calls made inside the scope as a look-up an anonymous notification asked for: they
    /// neither open nor close the circuit, so forged webhooks cannot cut the provider off (ADR 0031).
    /// </summary>
    public static IDisposable WebhookLookup()
    {
        var outer = InWebhookLookup.Value;
        InWebhookLookup.Value = true;
        return new Scope(() => InWebhookLookup.Value = outer);
    }

    public static bool IsWebhookLookup => InWebhookLookup.Value;

    private sealed class Scope(Action end) : IDisposable
    {
        public void Dispose() => end();
    }

    public static HttpRequestMessage Repeatably(this HttpRequestMessage request)
    {
        request.Options.Set(Repeatable, true);
        return request;
    }

    public static bool IsRepeatable(HttpRequestMessage request) =>
        request.Method == HttpMethod.Get || (request.Options.TryGetValue(Repeatable, out var repeatable) && repeatable);

    /// <summary>
    /// Sends and returns the response when it is a success or one of <paramref name="accepted"/>;
    /// otherwise throws a <see cref="GatewayException"/> carrying the provider's error code.
    /// </summary>
    public static async Task<HttpResponseMessage> SendAsync(
        HttpClient client, string gateway, HttpRequestMessage request, CancellationToken ct,
        Func<JsonNode?, string?>? errorCode = null, params HttpStatusCode[] accepted)
    {
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, ct);
        }
        catch (GatewayException)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or TimeoutException && !ct.IsCancellationRequested)
        {
            throw new GatewayException(gateway, GatewayErrorKind.Unavailable, null, $"{gateway} did not answer ({ex.GetType().Name}).", ex);
        }

        if (response.IsSuccessStatusCode || accepted.Contains(response.StatusCode))
        {
            return response;
        }

        using (response)
        {
            var code = errorCode is null ? null : errorCode(await TryReadJsonAsync(response, ct));
            var status = (int)response.StatusCode;
            var kind = status switch
            {
                401 or 403 => GatewayErrorKind.Authentication,
                404 => GatewayErrorKind.NotFound,
                409 => GatewayErrorKind.Unavailable, // an idempotent request still in flight at the provider: ask again later
                429 => GatewayErrorKind.RateLimited,
                >= 500 => GatewayErrorKind.Unavailable,
                _ => GatewayErrorKind.InvalidRequest,
            };
            throw new GatewayException(gateway, kind, code, $"{gateway} answered {status}{(code is null ? "" : $" ({code})")} to {request.Method} {request.RequestUri?.AbsolutePath}.");
        }
    }

    public static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response, string gateway, CancellationToken ct)
    {
        using (response)
        {
            return await TryReadJsonAsync(response, ct)
                ?? throw new GatewayException(gateway, GatewayErrorKind.UnexpectedResponse, null, $"{gateway} answered {(int)response.StatusCode} without a JSON body.");
        }
    }

    public static async Task<JsonNode?> TryReadJsonAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A required string field, or an "unexpected response" error naming the field (never its neighbours' values).</summary>
    public static string Required(this JsonNode? node, string gateway, string field) =>
        node?[field]?.GetValueKind() == JsonValueKind.String ? node[field]!.GetValue<string>()
            : throw new GatewayException(gateway, GatewayErrorKind.UnexpectedResponse, null, $"{gateway} answered without '{field}'.");

    /// <summary>A member of an object; null for anything else (untrusted bodies may put an array where an object belongs).</summary>
    public static JsonNode? Member(this JsonNode? node, string field) => node is JsonObject obj ? obj[field] : null;

    public static string? Text(this JsonNode? node, string field) =>
        node is JsonObject obj && obj[field] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
