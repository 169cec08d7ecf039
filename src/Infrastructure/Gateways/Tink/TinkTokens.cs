using System.Text.Json;
using System.Text.Json.Nodes;
using CleanPrepay.Application.Abstractions.Gateways;
using Microsoft.Extensions.Options;

namespace CleanPrepay.Infrastructure.Gateways.Tink;

/// <summary>
/// Tink's client-credentials token, fetched once and shared until shortly before it expires (Tink
/// issues no refresh token: a new one is fetched). Concurrent callers wait for the one fetch in
/// progress instead of each fetching their own. The token is a credential: it is never logged.
/// </summary>
internal sealed class TinkTokens(IHttpClientFactory clients, IOptions<TinkOptions> options, TimeProvider time) : IDisposable
{
    public const string Scope = "payment:read,payment:write";

    private readonly SemaphoreSlim _fetching = new(1, 1);
    private Token? _current;

    public async Task<string> GetAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _current) is { } current && time.GetUtcNow() < current.RefreshAt)
        {
            return current.Value;
        }

        await _fetching.WaitAsync(ct);
        try
        {
            // Another caller may have fetched while this one waited.
            if (Volatile.Read(ref _current) is { } fetched && time.GetUtcNow() < fetched.RefreshAt)
            {
                return fetched.Value;
            }

            var token = await FetchAsync(ct);
            Volatile.Write(ref _current, token);
            return token.Value;
        }
        finally
        {
            _fetching.Release();
        }
    }

    /// <summary>Tink refused this token (401): forget it, unless another caller has already replaced it.</summary>
    public void Invalidate(string token)
    {
        if (Volatile.Read(ref _current) is { } current && current.Value == token)
        {
            Interlocked.CompareExchange(ref _current, null, current);
        }
    }

    private async Task<Token> FetchAsync(CancellationToken ct)
    {
        var current = options.Value;
        var requestedAt = time.GetUtcNow();
        var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/oauth/token")
        {
            Content = new FormUrlEncodedContent(
            [
                new("client_id", current.ClientId ?? string.Empty),
                new("client_secret", current.ClientSecret ?? string.Empty),
                new("grant_type", "client_credentials"),
                new("scope", Scope),
            ]),
        };

        // Asking for a token changes nothing at Tink: safe to repeat.
        var response = await GatewayHttp.SendAsync(clients.CreateClient(TinkGateway.GatewayName), TinkGateway.GatewayName, request.Repeatably(), ct, TinkGateway.ErrorCode);
        var body = await GatewayHttp.ReadJsonAsync(response, TinkGateway.GatewayName, ct);
        var value = body.Required(TinkGateway.GatewayName, "access_token");
        if (body["expires_in"] is not JsonValue expires || expires.GetValueKind() != JsonValueKind.Number || !expires.TryGetValue<long>(out var seconds) || seconds <= 0)
        {
            throw new GatewayException(TinkGateway.GatewayName, GatewayErrorKind.UnexpectedResponse, null, "Tink answered a token without a positive 'expires_in'.");
        }

        // Counted from when we asked, less a margin (at most half the lifetime), so a token is never used at its very end.
        var lifetime = TimeSpan.FromSeconds(seconds);
        var margin = TimeSpan.FromTicks(Math.Min(current.TokenRefreshMargin.Ticks, lifetime.Ticks / 2));
        return new Token(value, requestedAt + lifetime - margin);
    }

    public void Dispose() => _fetching.Dispose();

    private sealed record Token(string Value, DateTimeOffset RefreshAt)
    {
        public override string ToString() => $"Token {{ RefreshAt = {RefreshAt:O} }}";
    }
}
