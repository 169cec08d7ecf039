using System.Net;
using CleanPrepay.Application.Catalog;
using CleanPrepay.Application.Coupons;

namespace CleanPrepay.WebApi.IntegrationTests.Support;

/// <summary>A customer of a scenario: its id and a client holding its own token.</summary>
public sealed record Shopper(string Id, HttpClient Client);

/// <summary>
/// The set-up most tests share, in a line each: a customer with money or credits in the wallet,
/// a plan, a coupon campaign. Everything goes through the API as an admin would do it.
/// </summary>
public sealed class Given(ApiFixture api)
{
    private readonly HttpClient _admin = api.Admin();

    public async Task<Shopper> CustomerAsync(long eur = 0, long credits = 0, string language = "en", string country = "SE", string? email = null)
    {
        var created = await _admin.PostJsonAsync(
            "/v1/customers", new { email = email ?? $"c{Guid.NewGuid():N}@example.test", name = "Test Customer", language, country });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var id = created.Json["id"]!.GetValue<string>();
        if (eur != 0)
        {
            Assert.Equal(HttpStatusCode.Created, (await _admin.AdjustAsync(id, "credit", eur)).Status);
        }

        if (credits != 0)
        {
            Assert.Equal(HttpStatusCode.Created, (await _admin.AdjustAsync(id, "credit", credits: credits)).Status);
        }

        return new Shopper(id, api.Customer(id));
    }

    public async Task<PlanDto> PlanAsync(object body)
    {
        var created = await _admin.PostJsonAsync("/v1/plans", body);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        return created.As<PlanDto>();
    }

    public async Task<CouponCampaignDto> CampaignAsync(object body)
    {
        var created = await _admin.PostJsonAsync("/v1/coupon-campaigns", body);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        return created.As<CouponCampaignDto>();
    }
}
