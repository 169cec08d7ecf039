using System.Net;
using CleanPrepay.WebApi.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.WebApi.IntegrationTests;

/// <summary>Amounts stay within ±10^15 on every path; a request that would pass it is 422 amount_out_of_range and changes nothing.</summary>
public abstract class OverflowTests(ApiFixture api)
{
    private const long Max = 1_000_000_000_000_000;

    private readonly HttpClient _admin = api.Admin();

    [Fact]
    public async Task A_credit_past_10_to_the_15_is_refused_and_the_wallet_still_reads()
    {
        var customer = await _admin.CreateCustomerAsync();

        var first = await _admin.AdjustAsync(customer, "credit", Max);
        var second = await _admin.AdjustAsync(customer, "credit", 1);
        var wallet = await _admin.GetJsonAsync($"/v1/customers/{customer}/wallet");

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "amount_out_of_range"), (second.Status, second.Code));
        Assert.Equal(HttpStatusCode.OK, wallet.Status);
        Assert.Equal(Max, await _admin.BalanceAsync(customer, "EUR"));
    }

    [Fact]
    public async Task A_second_maximum_top_up_is_refused_before_the_provider_is_charged()
    {
        var customer = await _admin.CreateCustomerAsync();

        var first = await _admin.TopUpAsync(customer, Max, "EUR", "pm_card_visa");
        var second = await _admin.TopUpAsync(customer, Max, "EUR", "pm_card_visa");

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "amount_out_of_range"), (second.Status, second.Code));
        Assert.Equal(1, await api.WithDbAsync(db => db.Payments.CountAsync(p => p.CustomerId == customer)));
        Assert.Equal(Max, await _admin.BalanceAsync(customer, "EUR"));
    }

    [Fact]
    public async Task An_order_whose_total_passes_10_to_the_15_is_422_not_500()
    {
        var customer = await _admin.CreateCustomerAsync();
        var video = await _admin.CreateVideoAsync(rent: Max, buy: Max, rentCredits: null, buyCredits: null);
        var other = await _admin.CreateVideoAsync(rent: Max, buy: Max, rentCredits: null, buyCredits: null);

        var order = await _admin.OrderAsync(customer, [CatalogHelpers.Rent(video), CatalogHelpers.Buy(other)], method: "gateway", paymentMethod: "pm_card_visa");

        Assert.Equal((HttpStatusCode.UnprocessableEntity, "amount_out_of_range"), (order.Status, order.Code));
        Assert.Equal(0, await api.WithDbAsync(db => db.Orders.CountAsync(o => o.CustomerId == customer)));
        Assert.Equal(0, await api.WithDbAsync(db => db.Payments.CountAsync(p => p.CustomerId == customer)));
    }
}

[Collection("sqlite")]
public sealed class SqliteOverflowTests(SqliteApiFixture api) : OverflowTests(api);

[Collection("postgres")]
public sealed class PostgresOverflowTests(PostgresApiFixture api) : OverflowTests(api);
