using System.Net;
using CleanPrepay.Application.Customers;
using CleanPrepay.WebApi.IntegrationTests.Support;

namespace CleanPrepay.WebApi.IntegrationTests;

/// <summary>The API with the Mailchimp sync pointed at <see cref="FakeMailchimp"/>, started before the API reads its settings.</summary>
public sealed class MailchimpFixture : SqliteApiFixture
{
    public const string WebhookSecret = "mc-webhook-secret-0123456789";

    public FakeMailchimp Mailchimp { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Mailchimp = await FakeMailchimp.StartAsync();
        Settings["Integrations:Mailchimp:ApiKey"] = FakeMailchimp.ApiKey;
        Settings["Integrations:Mailchimp:ListId"] = FakeMailchimp.ListId;
        Settings["Integrations:Mailchimp:BaseUrl"] = Mailchimp.BaseUrl;
        Settings["Integrations:Mailchimp:WebhookSecret"] = WebhookSecret;
        Settings["Integrations:Mailchimp:OutageWait"] = "00:00:05";
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Mailchimp.DisposeAsync();
    }
}

/// <summary>Newsletter sync with Mailchimp (issue 17, ADR 0046): through the outbox, with Mailchimp's request shapes and errors.</summary>
public sealed class MailchimpSyncTests(MailchimpFixture api) : IClassFixture<MailchimpFixture>
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    private readonly HttpClient _admin = api.Admin();
    private FakeMailchimp Mailchimp => api.Mailchimp;

    private async Task<(string Id, string Email)> CustomerAsync(bool newsletter, string name = "Anna Svensson", string language = "sv")
    {
        var email = $"Mc.{Guid.NewGuid():N}@Example.test";
        var created = await _admin.PostJsonAsync("/v1/customers", new { email, name, language, country = "SE", newsletter });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        return (created.Json["id"]!.GetValue<string>(), email);
    }

    private async Task<FakeMailchimp.Call> MemberAsync(string email, string status)
    {
        var hash = FakeMailchimp.Hash(email);
        var deadline = DateTime.UtcNow + Soon;
        while (!(Mailchimp.Members.TryGetValue(hash, out var member) && member.Status == status))
        {
            Assert.True(DateTime.UtcNow < deadline, $"Mailchimp never saw {email} {status}; malformed: {string.Join("; ", Mailchimp.Malformed)}");
            await Task.Delay(50);
        }

        return Mailchimp.Members[hash];
    }

    [Fact]
    public async Task A_customer_who_wants_the_newsletter_is_subscribed_with_the_documented_request()
    {
        var (_, email) = await CustomerAsync(newsletter: true);

        var member = await MemberAsync(email, "subscribed");

        Assert.Equal((email, "subscribed", "Anna", "sv"), (member.Email, member.StatusIfNew, member.FirstName, member.Language));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(email.ToLowerInvariant()))), member.Hash);
        Assert.Empty(Mailchimp.Malformed);
    }

    [Fact]
    public async Task Newsletter_off_unsubscribes_and_a_customer_without_it_is_never_sent()
    {
        var (id, email) = await CustomerAsync(newsletter: true);
        await MemberAsync(email, "subscribed");

        Assert.Equal(HttpStatusCode.OK, (await _admin.SendJsonAsync(HttpMethod.Patch, $"/v1/customers/{id}", new { newsletter = false })).Status);
        Assert.Equal("unsubscribed", (await MemberAsync(email, "unsubscribed")).StatusIfNew);

        var (quiet, quietEmail) = await CustomerAsync(newsletter: false);
        Assert.Equal(HttpStatusCode.OK, (await _admin.SendJsonAsync(HttpMethod.Patch, $"/v1/customers/{quiet}", new { name = "Quiet One" })).Status);
        var (marker, markerEmail) = await CustomerAsync(newsletter: true);
        await MemberAsync(markerEmail, "subscribed"); // the outbox is in order: the quiet customer's events are behind us
        Assert.DoesNotContain(Mailchimp.Calls, c => c.Email == quietEmail);
        Assert.NotNull(marker);
    }

    [Fact]
    public async Task An_email_change_unsubscribes_the_old_member_then_subscribes_the_new_one()
    {
        var (id, old) = await CustomerAsync(newsletter: true);
        await MemberAsync(old, "subscribed");
        var fresh = $"new.{Guid.NewGuid():N}@example.test";

        Assert.Equal(HttpStatusCode.OK, (await _admin.SendJsonAsync(HttpMethod.Patch, $"/v1/customers/{id}", new { email = fresh })).Status);

        await MemberAsync(fresh, "subscribed");
        await MemberAsync(old, "unsubscribed");
        var order = Mailchimp.Calls.Where(c => c.Email == old || c.Email == fresh).Select(c => $"{(c.Email == old ? "old" : "new")}:{c.Status}").ToList();
        Assert.Equal(["old:subscribed", "old:unsubscribed", "new:subscribed"], order);
    }

    [Fact]
    public async Task A_429_is_retried_after_its_delay_and_a_failing_mailchimp_degrades_readiness_only()
    {
        Mailchimp.FailNext(429, retryAfter: TimeSpan.FromSeconds(30));
        var (_, email) = await CustomerAsync(newsletter: true);
        var deadline = DateTime.UtcNow + Soon;
        while (Mailchimp.Refusals.IsEmpty)
        {
            Assert.True(DateTime.UtcNow < deadline, "Mailchimp was never called");
            await Task.Delay(50);
        }

        await Task.Delay(2000); // the outbox polls every second: a retry that ignored the delay would have come by now
        Assert.False(Mailchimp.Members.ContainsKey(FakeMailchimp.Hash(email)));
        var ready = await ApiClientExtensions.ReadAsync(await api.CreateClient().GetAsync("/health/ready"));
        Assert.Equal(HttpStatusCode.OK, ready.Status); // degraded, not down: the API still serves
        Assert.Equal("degraded", ready.Json["status"]!.GetValue<string>());
        Assert.Contains(ready.Json["checks"]!.AsArray(), c => c!["name"]!.GetValue<string>() == "mailchimp" && c["status"]!.GetValue<string>() == "degraded");

        api.Clock.Advance(TimeSpan.FromSeconds(30));
        await MemberAsync(email, "subscribed");
        // The fake stored the member before it answered; the sync learns of its success just after.
        var healthyBy = DateTime.UtcNow + Soon;
        do
        {
            ready = await ApiClientExtensions.ReadAsync(await api.CreateClient().GetAsync("/health/ready"));
            Assert.True(DateTime.UtcNow < healthyBy, $"Still not healthy: {ready.Json.ToJsonString()}");
            await Task.Delay(50);
        }
        while (!ready.Json["checks"]!.AsArray().Any(c => c!["name"]!.GetValue<string>() == "mailchimp" && c["status"]!.GetValue<string>() == "healthy"));
    }

    [Fact]
    public async Task A_500_waits_the_outage_delay_and_is_retried_until_mailchimp_answers()
    {
        var before = Mailchimp.Refusals.Count;
        Mailchimp.FailNext(500);
        Mailchimp.FailNext(503);
        var (_, email) = await CustomerAsync(newsletter: true);
        await WaitForRefusalsAsync(before + 1);

        await Task.Delay(2000); // the outbox polls every second: without the 5 s wait the second try would be here
        Assert.Equal(before + 1, Mailchimp.Refusals.Count);
        api.Clock.Advance(TimeSpan.FromSeconds(5));
        await WaitForRefusalsAsync(before + 2);
        api.Clock.Advance(TimeSpan.FromSeconds(5));
        await MemberAsync(email, "subscribed");
    }

    [Fact]
    public async Task A_retried_older_change_never_overwrites_a_newer_choice()
    {
        // On, refused by Mailchimp, then off: whenever the refused one is tried again, the list learns "off".
        var (id, email) = await CustomerAsync(newsletter: false);
        var before = Mailchimp.Refusals.Count;
        Mailchimp.FailNext(503);
        Assert.Equal(HttpStatusCode.OK, (await _admin.SendJsonAsync(HttpMethod.Patch, $"/v1/customers/{id}", new { newsletter = true })).Status);
        await WaitForRefusalsAsync(before + 1);
        Assert.Equal(HttpStatusCode.OK, (await _admin.SendJsonAsync(HttpMethod.Patch, $"/v1/customers/{id}", new { newsletter = false })).Status);
        await MemberAsync(email, "unsubscribed");

        api.Clock.Advance(TimeSpan.FromSeconds(5));
        var deadline = DateTime.UtcNow + Soon;
        while (Mailchimp.Calls.Count(c => c.Email == email) < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "The refused change was never tried again");
            await Task.Delay(50);
        }

        Assert.All(Mailchimp.Calls.Where(c => c.Email == email), c => Assert.Equal("unsubscribed", c.Status));
    }

    private async Task WaitForRefusalsAsync(int count)
    {
        var deadline = DateTime.UtcNow + Soon;
        while (Mailchimp.Refusals.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Mailchimp saw {Mailchimp.Refusals.Count} refused calls, not {count}");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Mailchimps_unsubscribe_webhook_turns_the_newsletter_off_only_with_the_secret()
    {
        var (id, email) = await CustomerAsync(newsletter: true);
        var anonymous = api.CreateClient();
        var url = $"/v1/integrations/mailchimp/webhook?secret={MailchimpFixture.WebhookSecret}";
        FormUrlEncodedContent Form(string type, string listId = FakeMailchimp.ListId) => new(new Dictionary<string, string>
        {
            ["type"] = type, ["fired_at"] = "2026-12-07 10:00:00", ["data[email]"] = email.ToUpperInvariant(), ["data[list_id]"] = listId,
            ["data[reason]"] = "manual",
        });

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(url)).StatusCode); // Mailchimp's check of the URL
        var forged = await ApiClientExtensions.ReadAsync(await anonymous.PostAsync("/v1/integrations/mailchimp/webhook?secret=guess", Form("unsubscribe")));
        Assert.Equal((HttpStatusCode.BadRequest, "webhook_unverified"), (forged.Status, forged.Code));
        var otherList = await ApiClientExtensions.ReadAsync(await anonymous.PostAsync(url, Form("unsubscribe", "zzzzzzzzzz")));
        Assert.False(otherList.Json["applied"]!.GetValue<bool>());
        Assert.True((await _admin.GetJsonAsync($"/v1/customers/{id}")).As<CustomerDto>().Newsletter);

        var applied = await ApiClientExtensions.ReadAsync(await anonymous.PostAsync(url, Form("unsubscribe")));

        Assert.True(applied.Json["applied"]!.GetValue<bool>());
        Assert.False((await _admin.GetJsonAsync($"/v1/customers/{id}")).As<CustomerDto>().Newsletter);
        var again = await ApiClientExtensions.ReadAsync(await anonymous.PostAsync(url, Form("unsubscribe")));
        Assert.False(again.Json["applied"]!.GetValue<bool>()); // a re-delivery changes nothing twice
    }
}
