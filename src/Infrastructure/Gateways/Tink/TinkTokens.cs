using System.Text.Json;
using System.Text.Json.Nodes;
using CleanPrepay.Application.Abstractions.Gateways;

namespace CleanPrepay.Infrastructure.Gateways.Tink;

/// <summary>Tink's client-credentials token request (no refresh token: a new one is fetched), cached by <see cref="AccessTokenCache"/>.</summary>
internal static class TinkTokens
{
    public const string Scope = "payment:read,payment:write";

    public static async Task<(string Value, TimeSpan Lifetime)> FetchAsync(IHttpClientFactory clients, TinkOptions current, CancellationToken ct)
    {
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

        return (value, TimeSpan.FromSeconds(seconds));
    }
}
