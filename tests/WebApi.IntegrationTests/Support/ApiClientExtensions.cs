using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CleanPrepay.WebApi.IntegrationTests.Support;

public sealed record ApiResponse(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Raw)
{
    public JsonNode Json => Body ?? throw new InvalidOperationException($"No JSON body (status {(int)Status}).");

    public string? Code => Body?["code"]?.GetValue<string>();

    public string? ContentType => Raw.Content.Headers.ContentType?.MediaType;
}

public static class ApiClientExtensions
{
    public static async Task<ApiResponse> SendJsonAsync(
        this HttpClient client, HttpMethod method, string url, object? body = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is string raw)
        {
            request.Content = new StringContent(raw, Encoding.UTF8, "application/json");
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        var response = await client.SendAsync(request);
        return await ReadAsync(response);
    }

    public static async Task<ApiResponse> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        if (text.Length > 0 && (response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) ?? false))
        {
            json = JsonNode.Parse(text);
        }

        return new ApiResponse(response.StatusCode, json, response);
    }

    public static Task<ApiResponse> PostJsonAsync(this HttpClient client, string url, object? body, string? idempotencyKey = null) =>
        client.SendJsonAsync(HttpMethod.Post, url, body, idempotencyKey);

    public static Task<ApiResponse> GetJsonAsync(this HttpClient client, string url) => client.SendJsonAsync(HttpMethod.Get, url);

    public static async Task<string> CreateCustomerAsync(this HttpClient admin, string? email = null)
    {
        var response = await admin.PostJsonAsync("/v1/customers", new { email = email ?? $"c{Guid.NewGuid():N}@example.test", name = "Test Customer", language = "en", country = "SE" });
        Assert.Equal(HttpStatusCode.Created, response.Status);
        return response.Json["id"]!.GetValue<string>();
    }

    public static async Task<long> BalanceAsync(this HttpClient client, string customerId, string currency)
    {
        var wallet = await client.GetJsonAsync($"/v1/customers/{customerId}/wallet");
        Assert.Equal(HttpStatusCode.OK, wallet.Status);
        return wallet.Json["balances"]!.AsArray()
            .Where(b => b!["currency"]!.GetValue<string>() == currency)
            .Select(b => b!["amount"]!.GetValue<long>())
            .SingleOrDefault();
    }

    public static async Task<long> CreditsAsync(this HttpClient client, string customerId)
    {
        var wallet = await client.GetJsonAsync($"/v1/customers/{customerId}/wallet");
        return wallet.Json["credits"]!.GetValue<long>();
    }

    /// <summary>Every ledger entry of the wallet, following the cursor to the end.</summary>
    public static async Task<List<JsonNode>> TransactionsAsync(this HttpClient client, string customerId)
    {
        var all = new List<JsonNode>();
        string? cursor = null;
        do
        {
            var page = await client.GetJsonAsync($"/v1/customers/{customerId}/wallet/transactions?limit=200" + (cursor is null ? "" : $"&cursor={cursor}"));
            Assert.Equal(HttpStatusCode.OK, page.Status);
            all.AddRange(page.Json["items"]!.AsArray().Select(i => i!));
            cursor = page.Json["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);
        return all;
    }

    public static Task<ApiResponse> AdjustAsync(this HttpClient admin, string customerId, string direction, long? amount = null, string currency = "EUR", long? credits = null, string? key = null) =>
        admin.PostJsonAsync(
            $"/v1/customers/{customerId}/wallet/adjustments",
            amount is not null
                ? new { direction, amount = new { amount, currency }, reason = "test adjustment" }
                : new { direction, credits, reason = "test adjustment" },
            key);

    public static Task<ApiResponse> TopUpAsync(this HttpClient client, string customerId, long amount, string currency, string paymentMethod, string? key = null) =>
        client.PostJsonAsync(
            $"/v1/customers/{customerId}/wallet/top-ups",
            new { amount = new { amount, currency }, payment = new { gateway = "sandbox", paymentMethod } },
            key);

    public static string Compact(this JsonNode node) => node.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
}
