using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CleanPrepay.Application.Abstractions.Gateways;
using Microsoft.Extensions.Options;

namespace CleanPrepay.Infrastructure.Gateways.PayPal;

/// <summary>
/// OAuth2 client credentials (<c>POST /v1/oauth2/token</c>, Basic client id and secret). The token is
/// cached until shortly before <c>expires_in</c>; one fetch at a time, however many calls wait for it.
/// </summary>
internal sealed class PayPalTokens(IHttpClientFactory clients, IOptions<PayPalOptions> options, TimeProvider time)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset RenewAt)? _current;

    public int Fetches { get; private set; }

    public async Task<string> GetAsync(CancellationToken ct, bool renew = false)
    {
        if (!renew && _current is { } cached && time.GetUtcNow() < cached.RenewAt)
        {
            return cached.Token;
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (!renew && _current is { } again && time.GetUtcNow() < again.RenewAt)
            {
                return again.Token;
            }

            var current = options.Value;
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
            _current = (token, time.GetUtcNow() + lifetime - current.TokenRenewalMargin);
            Fetches++;
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Forget() => _current = null;
}
