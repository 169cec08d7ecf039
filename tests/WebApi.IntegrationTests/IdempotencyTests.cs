using System.Net;
using CleanPrepay.Application.Wallets.TopUpWallet;
using CleanPrepay.WebApi.IntegrationTests.Support;

namespace CleanPrepay.WebApi.IntegrationTests;

public abstract class IdempotencyTests(ApiFixture api)
{
    private readonly HttpClient _admin = api.Admin();
    private readonly Given _given = new(api);

    [Fact]
    public async Task The_same_key_and_body_replays_the_first_answer_and_moves_money_once()
    {
        var customer = await _admin.CreateCustomerAsync();
        var key = $"topup-{Guid.NewGuid()}";

        var first = await _admin.TopUpAsync(customer, 700, "EUR", "pm_card_visa", key);
        var second = await _admin.TopUpAsync(customer, 700, "EUR", "pm_card_visa", key);
        var reformatted = await _admin.PostJsonAsync(
            $"/v1/customers/{customer}/wallet/top-ups",
            "{ \"amount\" : { \"amount\": 700, \"currency\": \"EUR\" },\n  \"payment\": { \"gateway\": \"sandbox\", \"paymentMethod\": \"pm_card_visa\" } }",
            key);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.False(first.Raw.Headers.Contains("Idempotent-Replayed"));
        foreach (var replay in new[] { second, reformatted })
        {
            Assert.Equal(HttpStatusCode.Created, replay.Status);
            Assert.Equal("true", Assert.Single(replay.Raw.Headers.GetValues("Idempotent-Replayed")));
            Assert.Equal(first.Json.Compact(), replay.Json.Compact()); // a replay is the same bytes: compared raw
            Assert.Equal(first.Raw.Headers.Location, replay.Raw.Headers.Location);
        }

        Assert.Equal(700, await _admin.BalanceAsync(customer, "EUR"));
        Assert.Single(await _admin.TransactionsAsync(customer));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_refused_and_changes_nothing()
    {
        var customer = await _admin.CreateCustomerAsync();
        var key = $"adj-{Guid.NewGuid()}";
        Assert.Equal(HttpStatusCode.Created, (await _admin.AdjustAsync(customer, "credit", 100, key: key)).Status);

        var reused = await _admin.AdjustAsync(customer, "credit", 10000, key: key);
        var otherRoute = await _admin.TopUpAsync(customer, 100, "EUR", "pm_card_visa", key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.Status);
        Assert.Equal("idempotency_key_reused", reused.Code);
        Assert.Equal("idempotency_key_reused", otherRoute.Code);
        Assert.Equal(100, await _admin.BalanceAsync(customer, "EUR"));
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_run_once()
    {
        var customer = await _admin.CreateCustomerAsync();
        var key = $"race-{Guid.NewGuid()}";

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => api.Admin().TopUpAsync(customer, 900, "EUR", "pm_card_visa", key)));

        Assert.All(results, r => Assert.Contains(r.Status, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.Contains(results, r => r.Status == HttpStatusCode.Created);
        Assert.All(results.Where(r => r.Status == HttpStatusCode.Conflict), r => Assert.Equal("idempotency_request_in_progress", r.Code));
        Assert.Single(results.Where(r => r.Status == HttpStatusCode.Created).Select(r => r.As<TopUpDto>().Id).Distinct());
        Assert.Equal(900, await _admin.BalanceAsync(customer, "EUR"));
        Assert.Single(await _admin.TransactionsAsync(customer));
    }

    [Fact]
    public async Task Keys_are_scoped_to_the_caller()
    {
        var alice = await _given.CustomerAsync();
        var bob = await _given.CustomerAsync();
        const string key = "my-first-top-up";

        var a = await alice.Client.TopUpAsync(alice.Id, 100, "EUR", "pm_card_visa", key);
        var b = await bob.Client.TopUpAsync(bob.Id, 100, "EUR", "pm_card_visa", key);

        Assert.Equal(HttpStatusCode.Created, a.Status);
        Assert.Equal(HttpStatusCode.Created, b.Status);
        Assert.False(b.Raw.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(100, await _admin.BalanceAsync(bob.Id, "EUR"));
    }

    [Fact]
    public async Task A_refusal_is_replayed_as_well()
    {
        var customer = await _admin.CreateCustomerAsync();
        var key = $"refused-{Guid.NewGuid()}";

        var first = await _admin.AdjustAsync(customer, "debit", 100, key: key);
        await _admin.AdjustAsync(customer, "credit", 1000);
        var second = await _admin.AdjustAsync(customer, "debit", 100, key: key);

        Assert.Equal("insufficient_balance", first.Code);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.Status);
        Assert.Equal("true", Assert.Single(second.Raw.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(1000, await _admin.BalanceAsync(customer, "EUR"));
    }

    [Fact]
    public async Task Keys_hold_across_api_instances_on_one_database()
    {
        var customer = await _admin.CreateCustomerAsync();
        var key = $"multi-{Guid.NewGuid()}";
        var first = await _admin.TopUpAsync(customer, 321, "EUR", "pm_card_visa", key);

        await using var other = new SiblingApiFixture(api);
        await other.InitializeAsync();
        var replay = await other.Admin().TopUpAsync(customer, 321, "EUR", "pm_card_visa", key);

        Assert.Equal(HttpStatusCode.Created, replay.Status);
        Assert.Equal("true", Assert.Single(replay.Raw.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(first.Json.Compact(), replay.Json.Compact());
        Assert.Equal(321, await _admin.BalanceAsync(customer, "EUR"));
    }

    [Theory]
    [InlineData(256)]
    [InlineData(1000)]
    public async Task A_key_outside_1_to_255_characters_is_a_validation_error(int length)
    {
        var customer = await _admin.CreateCustomerAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/customers/{customer}/wallet/adjustments")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { direction = "credit", amount = new { amount = 5, currency = "EUR" }, reason = "x" }),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", new string('k', length));

        var response = await ApiClientExtensions.ReadAsync(await _admin.SendAsync(request));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("validation_failed", response.Code);
        Assert.Equal(0, await _admin.BalanceAsync(customer, "EUR"));
    }
}

[Collection("sqlite")]
public sealed class SqliteIdempotencyTests(SqliteApiFixture api) : IdempotencyTests(api);

[Collection("postgres")]
public sealed class PostgresIdempotencyTests(PostgresApiFixture api) : IdempotencyTests(api);
