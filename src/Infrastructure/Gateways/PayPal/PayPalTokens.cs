using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace CleanPrepay.Infrastructure.Gateways.PayPal;

/// <summary>PayPal's OAuth2 client-credentials token request (<c>POST /v1/oauth2/token</c>, Basic client id and secret), cached by <see cref="AccessTokenCache"/>.</summary>
internal static class PayPalTokens
{
    public static async Task<(string Value, TimeSpan Lifetime)> FetchAsync(IHttpClientFactory clients, PayPalOptions current, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/oauth2/token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{current.ClientId}:{current.ClientSecret}")));
        var response = await GatewayHttp.SendAsync(clients.CreateClient(PayPalGateway.GatewayName), PayPalGateway.GatewayName, request.Repeatably(), ct, PayPalGateway.ErrorCode);
        var body = await GatewayHttp.ReadJsonAsync(response, PayPalGateway.GatewayName, ct);
        var token = body.Required(PayPalGateway.GatewayName, "access_token");
        var lifetime = TimeSpan.FromSeconds(body["expires_in"] is JsonValue v && v.TryGetValue<long>(out var seconds) ? seconds : 0);
        return (token, lifetime);
    }
}
