using System.Net;
using CleanPrepay.Application.Customers;
using CleanPrepay.Application.Customers.ListCustomers;
using CleanPrepay.Domain.Customers;
using CleanPrepay.WebApi.IntegrationTests.Support;

namespace CleanPrepay.WebApi.IntegrationTests;

/// <summary>
/// Staff find a customer with <c>GET /v1/customers?q=</c> (issue 18): an exact email, or the start of
/// an email or a name, without case. Every test searches for a token of its own, so the shared
/// database's other customers never match.
/// </summary>
public abstract class CustomerSearchTests(ApiFixture api)
{
    private readonly HttpClient _admin = api.Admin();

    [Fact]
    public async Task An_exact_email_finds_its_customer_whatever_the_case_and_spaces()
    {
        var token = Token();
        var id = await CreateAsync($"Zoe.Martin+{token}@Example.COM", "Zoé Martin");
        await CreateAsync($"zoe.martin+{token}@example.com.au", "Zoé Martin (AU)");

        var found = await SearchAsync($"  ZOE.martin+{token}@example.com  ");

        // The exact address is found; the longer one it is a prefix of comes too, newest first.
        Assert.Equal(2, found.Count);
        Assert.Equal(id, found[^1].Id);
        Assert.Equal($"Zoe.Martin+{token}@Example.COM", found[^1].Email);
    }

    [Fact]
    public async Task The_start_of_an_email_or_of_a_name_finds_customers_newest_first()
    {
        var token = Token();
        var byEmail = await CreateAsync($"{token}-anna@example.test", "Anna Smith");
        var byName = await CreateAsync($"other-{token}@example.test", $"{token} Bob Jones");
        var neither = await CreateAsync($"x-{token}@example.test", $"Carol {token}");

        var found = await SearchAsync(token.ToUpperInvariant());

        Assert.Equal(new[] { byName, byEmail }, found.Select(c => c.Id));
        Assert.DoesNotContain(neither, found.Select(c => c.Id));
        Assert.Equal(new[] { byName }, (await SearchAsync($"{token} bo")).Select(c => c.Id));
        Assert.Empty(await SearchAsync($"{token} jones"));
    }

    [Fact]
    public async Task Accents_match_however_they_were_typed()
    {
        var token = Token();
        // "É" stored decomposed (E + combining acute), searched composed: both are the same name.
        var id = await CreateAsync($"{token}@example.test", $"{token}E\u0301lodie Dupont");

        Assert.Equal(new[] { id }, (await SearchAsync($"{token}\u00e9lo")).Select(c => c.Id));
        Assert.Equal(new[] { id }, (await SearchAsync($"{token}\u00c9LODIE")).Select(c => c.Id));
    }

    [Fact]
    public async Task Like_wildcards_and_quotes_are_plain_characters()
    {
        var token = Token();
        var id = await CreateAsync($"{token}ab@example.test", "Wild Card");

        Assert.Empty(await SearchAsync($"{token}%"));
        Assert.Empty(await SearchAsync($"{token}_b"));
        Assert.Empty(await SearchAsync($"{token}' OR '1'='1"));
        Assert.Equal(new[] { id }, (await SearchAsync($"{token}a")).Select(c => c.Id));
    }

    [Fact]
    public async Task A_search_pages_by_keyset_and_combines_with_the_filters()
    {
        var token = Token();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await CreateAsync($"{token}-{i}@example.test", $"Page {i}", newsletter: i % 2 == 0));
        }

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await _admin.GetJsonAsync($"/v1/customers?q={token}&limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            Assert.Equal(HttpStatusCode.OK, page.Status);
            seen.AddRange(page.Items<CustomerDto>().Select(c => c.Id));
            cursor = page.Json["nextCursor"]?.GetValue<string>();
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Reverse(ids), seen);
        var subscribed = await SearchAsync(token, "&newsletter=true");
        Assert.Equal(new[] { ids[4], ids[2], ids[0] }, subscribed.Select(c => c.Id));
    }

    [Fact]
    public async Task A_prefix_shared_by_more_customers_than_the_candidates_pages_the_same_way()
    {
        // Past CustomerSearch.MaxCandidates the ids are walked backwards instead: same order, same filters.
        var token = Token();
        var now = api.Clock.GetUtcNow();
        var seeded = Enumerable.Range(0, CustomerSearch.MaxCandidates + 5)
            .Select(i => Customer.Register($"{token}-{i:D5}@example.test", $"Dense {i}", "en", null, newsletter: i % 7 == 0, optIn: false, now))
            .ToList();
        await api.WithDbAsync(async db =>
        {
            db.Customers.AddRange(seeded);
            return await db.SaveChangesAsync();
        });
        var newest = seeded.Select(c => c.Id).OrderDescending(StringComparer.Ordinal).ToList();

        var first = await _admin.GetJsonAsync($"/v1/customers?q={token}&limit=200");
        var second = await _admin.GetJsonAsync($"/v1/customers?q={token}&limit=200&cursor={Uri.EscapeDataString(first.Json["nextCursor"]!.GetValue<string>())}");
        var subscribed = await SearchAsync(token, "&newsletter=true&limit=200");

        Assert.Equal(newest.Take(200), first.Items<CustomerDto>().Select(c => c.Id));
        Assert.Equal(newest.Skip(200).Take(200), second.Items<CustomerDto>().Select(c => c.Id));
        Assert.Equal(seeded.Where(c => c.Newsletter).Select(c => c.Id).OrderDescending(StringComparer.Ordinal).Take(200), subscribed.Select(c => c.Id));
    }

    [Fact]
    public async Task A_changed_name_or_email_is_found_by_its_new_value_only()
    {
        var token = Token();
        var id = await CreateAsync($"{token}-old@example.test", $"{token}Old Name");

        var patched = await _admin.SendJsonAsync(HttpMethod.Patch, $"/v1/customers/{id}", new { email = $"{token}-new@example.test", name = $"{token}New Name" });

        Assert.Equal(HttpStatusCode.OK, patched.Status);
        Assert.Empty(await SearchAsync($"{token}-old"));
        Assert.Empty(await SearchAsync($"{token}old"));
        Assert.Equal(new[] { id }, (await SearchAsync($"{token}-new@")).Select(c => c.Id));
        Assert.Equal(new[] { id }, (await SearchAsync($"{token}new n")).Select(c => c.Id));
    }

    [Fact]
    public async Task The_export_takes_the_same_search()
    {
        var token = Token();
        var id = await CreateAsync($"{token}@example.test", "Exported");

        var response = await _admin.GetAsync($"/v1/customers/export?q={token}");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith(id + ",", lines[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("q=")]
    [InlineData("q=%20%20")]
    [InlineData("q=255")]
    public async Task An_empty_blank_or_overlong_search_is_400_naming_q(string query)
    {
        var url = query == "q=255" ? $"/v1/customers?q={new string('a', 255)}" : $"/v1/customers?{query}";

        var list = await _admin.GetJsonAsync(url);
        var export = await _admin.GetJsonAsync(url.Replace("/v1/customers?", "/v1/customers/export?", StringComparison.Ordinal));

        Assert.All(new[] { list, export }, r =>
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.Status);
            Assert.Equal("validation_failed", r.Code);
            Assert.NotNull(r.Json["errors"]!["q"]);
        });
    }

    [Fact]
    public async Task A_customer_cannot_search_customers()
    {
        var id = await _admin.CreateCustomerAsync();

        var response = await api.Customer(id).GetJsonAsync("/v1/customers?q=a");

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
    }

    private static string Token() => "s" + Guid.NewGuid().ToString("N")[..10];

    private async Task<string> CreateAsync(string email, string name, bool newsletter = false)
    {
        var created = await _admin.PostJsonAsync("/v1/customers", new { email, name, newsletter });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        return created.As<CustomerDto>().Id;
    }

    private async Task<IReadOnlyList<CustomerDto>> SearchAsync(string q, string extra = "")
    {
        var response = await _admin.GetJsonAsync($"/v1/customers?q={Uri.EscapeDataString(q)}{extra}");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return response.Items<CustomerDto>();
    }
}

[Collection("sqlite")]
public sealed class SqliteCustomerSearchTests(SqliteApiFixture api) : CustomerSearchTests(api);

[Collection("postgres")]
public sealed class PostgresCustomerSearchTests(PostgresApiFixture api) : CustomerSearchTests(api);
