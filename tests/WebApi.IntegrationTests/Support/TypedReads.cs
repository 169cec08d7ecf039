using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CleanPrepay.Application.Common.Contracts;

namespace CleanPrepay.WebApi.IntegrationTests.Support;

/// <summary>
/// Reads answers through the DTOs the API serialises, so a test names fields instead of spelling
/// strings. The wire rules are the API's (Program.cs); a field the DTO does not know fails the read.
/// </summary>
public static class TypedReads
{
    private static readonly JsonSerializerOptions WireOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        NumberHandling = JsonNumberHandling.Strict,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static T As<T>(this ApiResponse response) => response.Json.As<T>();

    public static T As<T>(this JsonNode node) =>
        node.Deserialize<T>(WireOptions) ?? throw new InvalidOperationException($"The answer is JSON null, not a {typeof(T).Name}.");

    /// <summary>How a typed value is written on the wire, as a string: "past_due" for an enum, "2026-12-01" for a date.</summary>
    public static string? Wire<T>(T value) => JsonSerializer.SerializeToNode(value, WireOptions) is JsonValue v ? v.ToString() : null;

    public static IReadOnlyList<T> Items<T>(this ApiResponse response) => response.As<Page<T>>().Items;
}

/// <summary>Typed forms of the reads most tests repeat.</summary>
public static class TypedQueries
{
    public static async Task<List<Application.Wallets.WalletTransactionDto>> LedgerAsync(this HttpClient client, string customerId) =>
        (await client.TransactionsAsync(customerId)).Select(e => e.As<Application.Wallets.WalletTransactionDto>()).ToList();

    public static Task<Application.Accesses.EntitlementDto> EntitlementAsync(this HttpClient client, string customerId, string videoId) =>
        client.GetOkAsync<Application.Accesses.EntitlementDto>($"/v1/customers/{customerId}/entitlements/{videoId}");

    public static Task<Application.Orders.OrderDto> GetOrderAsync(this HttpClient client, string orderId) =>
        client.GetOkAsync<Application.Orders.OrderDto>($"/v1/orders/{orderId}");

    public static Task<Application.Payments.PaymentDto> GetPaymentAsync(this HttpClient client, string paymentId) =>
        client.GetOkAsync<Application.Payments.PaymentDto>($"/v1/payments/{paymentId}");

    private static async Task<T> GetOkAsync<T>(this HttpClient client, string url)
    {
        var answer = await client.GetJsonAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.OK, answer.Status);
        return answer.As<T>();
    }
}
