using System.Net;
using System.Text.Json.Nodes;

namespace CleanPrepay.WebApi.IntegrationTests.Support;

public static class CatalogHelpers
{
    public static async Task<string> CreateVideoAsync(this HttpClient admin, long rent = 399, long buy = 1299, long? rentCredits = 1, long? buyCredits = 5, int hours = 48, string currency = "EUR", object? extraPrices = null)
    {
        var response = await admin.PostJsonAsync("/v1/videos", new
        {
            title = $"Video {Guid.NewGuid():N}"[..14],
            rent = new { price = new { amount = rent, currency }, prices = extraPrices, credits = rentCredits, accessHours = hours },
            buy = new { price = new { amount = buy, currency }, credits = buyCredits },
        });
        Assert.Equal(HttpStatusCode.Created, response.Status);
        return response.Json["id"]!.GetValue<string>();
    }

    public static async Task<string> CreatePlanAsync(this HttpClient admin, long price = 999, string interval = "month", string currency = "EUR")
    {
        var response = await admin.PostJsonAsync("/v1/plans", new { name = $"Plan {interval}", price = new { amount = price, currency }, interval, intervalCount = 1 });
        Assert.Equal(HttpStatusCode.Created, response.Status);
        return response.Json["id"]!.GetValue<string>();
    }

    public static Task<ApiResponse> OrderAsync(this HttpClient client, string customerId, object[] items, string method = "wallet", string? paymentMethod = null, string? key = null, string? currency = null) =>
        client.PostJsonAsync(
            "/v1/orders",
            new { customerId, items, currency, payment = new { method, gateway = method == "gateway" ? "sandbox" : null, paymentMethod } },
            key);

    public static object Rent(string videoId) => new { videoId, mode = "rent" };

    public static object Buy(string videoId) => new { videoId, mode = "buy" };

    public static object PlanItem(string planId) => new { planId };

    public static long Amount(this JsonNode node, string field) => node[field]!["amount"]!.GetValue<long>();
}
