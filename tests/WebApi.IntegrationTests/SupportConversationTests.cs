using System.Net;
using System.Text.Json.Nodes;
using CleanPrepay.WebApi.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.WebApi.IntegrationTests;

/// <summary>Support conversations (docs/reference/contract.md, second round; the account's Messages tab) through the real API.</summary>
public abstract class SupportConversationTests(ApiFixture api)
{
    private readonly HttpClient _admin = api.Admin();
    private readonly Given _given = new(api);

    [Fact]
    public async Task A_customer_opens_staff_replies_and_closes_and_a_closed_conversation_takes_no_more_messages()
    {
        var shopper = await _given.CustomerAsync();

        var opened = await shopper.Client.PostJsonAsync($"/v1/customers/{shopper.Id}/conversations", new { subject = "  Double charge? ", body = "I was charged twice." }, Guid.NewGuid().ToString());
        var id = S(opened.Json["id"]);
        var replied = await _admin.PostJsonAsync($"/v1/conversations/{id}/messages", new { body = "We refunded one of them." }, Guid.NewGuid().ToString());
        var seen = await shopper.Client.GetJsonAsync($"/v1/conversations/{id}");
        var closed = await _admin.PostJsonAsync($"/v1/conversations/{id}/close", null);
        var again = await shopper.Client.PostJsonAsync($"/v1/conversations/{id}/close", null);
        var late = await shopper.Client.PostJsonAsync($"/v1/conversations/{id}/messages", new { body = "Thanks!" }, Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.Created, opened.Status);
        Assert.StartsWith("cnv_", id);
        Assert.Equal(("Double charge?", "open", "customer", 1), (S(opened.Json["subject"]), S(opened.Json["status"]), S(opened.Json["openedBy"]), opened.Json["messageCount"]!.GetValue<int>()));
        Assert.Equal(HttpStatusCode.Created, replied.Status);
        var messages = seen.Json["messages"]!.AsArray();
        Assert.Equal(["customer", "staff"], messages.Select(m => S(m!["from"])).ToArray());
        Assert.Equal([1, 2], messages.Select(m => m!["sequence"]!.GetValue<int>()).ToArray());
        Assert.All(messages, m => Assert.Null(m!["author"])); // who on staff answered is for staff only
        Assert.StartsWith("admin:", S(replied.Json["messages"]![1]!["author"]));
        Assert.Equal((HttpStatusCode.OK, "closed"), (closed.Status, S(closed.Json["status"])));
        Assert.Equal((HttpStatusCode.OK, closed.Json["closedAt"]!.ToJsonString()), (again.Status, again.Json["closedAt"]!.ToJsonString()));
        Assert.Equal((HttpStatusCode.Conflict, "conversation_closed"), (late.Status, S(late.Json["code"])));
        Assert.Equal(2, await api.WithDbAsync(db => db.SupportMessages.CountAsync(m => m.ConversationId == id)));
    }

    [Fact]
    public async Task Lists_are_newest_first_page_by_cursor_and_filter_on_status()
    {
        var shopper = await _given.CustomerAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(S((await _admin.PostJsonAsync($"/v1/customers/{shopper.Id}/conversations", new { subject = $"Topic {i}", body = "Hello from support." })).Json["id"]));
        }

        await _admin.PostJsonAsync($"/v1/conversations/{ids[0]}/close", null);
        var first = (await shopper.Client.GetJsonAsync($"/v1/customers/{shopper.Id}/conversations?limit=2")).Json;
        var second = (await shopper.Client.GetJsonAsync($"/v1/customers/{shopper.Id}/conversations?limit=2&cursor={S(first["nextCursor"])}")).Json;
        var open = (await shopper.Client.GetJsonAsync($"/v1/customers/{shopper.Id}/conversations?status=open")).Json["items"]!.AsArray();
        var bad = await shopper.Client.GetJsonAsync($"/v1/customers/{shopper.Id}/conversations?status=pending");

        Assert.Equal([ids[2], ids[1]], first["items"]!.AsArray().Select(c => S(c!["id"])).ToArray());
        Assert.Equal([ids[0]], second["items"]!.AsArray().Select(c => S(c!["id"])).ToArray());
        Assert.Null(second["nextCursor"]);
        Assert.Equal([ids[2], ids[1]], open.Select(c => S(c!["id"])).ToArray());
        Assert.Equal(("staff", "staff"), (S(open[0]!["openedBy"]), S(open[0]!["lastMessageFrom"])));
        Assert.Null(open[0]!["messages"]);
        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), (bad.Status, S(bad.Json["code"])));
    }

    [Fact]
    public async Task Another_customers_conversation_answers_404_to_every_route_and_changes_nothing()
    {
        var owner = await _given.CustomerAsync();
        var other = await _given.CustomerAsync();
        var id = S((await owner.Client.PostJsonAsync($"/v1/customers/{owner.Id}/conversations", new { subject = "Mine", body = "Private." })).Json["id"]);

        var answers = new[]
        {
            await other.Client.GetJsonAsync($"/v1/conversations/{id}"),
            await other.Client.PostJsonAsync($"/v1/conversations/{id}/messages", new { body = "Hi" }),
            await other.Client.PostJsonAsync($"/v1/conversations/{id}/close", null),
            await other.Client.GetJsonAsync($"/v1/customers/{owner.Id}/conversations"),
            await other.Client.PostJsonAsync($"/v1/customers/{owner.Id}/conversations", new { subject = "Theirs", body = "Spoofed." }),
            await _admin.GetJsonAsync("/v1/conversations/cnv_nope"),
        };

        Assert.All(answers, a => Assert.Equal((HttpStatusCode.NotFound, "not_found"), (a.Status, S(a.Json["code"]))));
        var stored = await api.WithDbAsync(db => db.Conversations.AsNoTracking().Where(c => c.CustomerId == owner.Id).Select(c => new { c.Status, c.MessageCount }).ToListAsync());
        Assert.Equal((Domain.Support.ConversationStatus.Open, 1), (Assert.Single(stored).Status, stored[0].MessageCount));
    }

    [Theory]
    [InlineData("""{"body":"No subject"}""", "subject")]
    [InlineData("""{"subject":"   ","body":"Blank subject"}""", "subject")]
    [InlineData("""{"subject":"No body"}""", "body")]
    [InlineData("""{"subject":"Blank","body":"\n\t "}""", "body")]
    [InlineData("""{"subject":"Null char","body":"a\u0000b"}""", "body")]
    public async Task A_bad_conversation_is_a_400_naming_the_field_and_stores_nothing(string body, string field)
    {
        var shopper = await _given.CustomerAsync();

        var answer = await shopper.Client.SendJsonAsync(HttpMethod.Post, $"/v1/customers/{shopper.Id}/conversations", body);

        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), (answer.Status, S(answer.Json["code"])));
        Assert.NotNull(answer.Json["errors"]![field]);
        Assert.Equal(0, await api.WithDbAsync(db => db.Conversations.CountAsync(c => c.CustomerId == shopper.Id)));
    }

    [Fact]
    public async Task Limits_on_subject_and_body_are_400s()
    {
        var shopper = await _given.CustomerAsync();
        var id = S((await shopper.Client.PostJsonAsync($"/v1/customers/{shopper.Id}/conversations", new { subject = "Fine", body = "Fine." })).Json["id"]);

        var longSubject = await shopper.Client.PostJsonAsync($"/v1/customers/{shopper.Id}/conversations", new { subject = new string('s', 201), body = "x" });
        var longBody = await shopper.Client.PostJsonAsync($"/v1/conversations/{id}/messages", new { body = new string('b', 10_001) });
        var longest = await shopper.Client.PostJsonAsync($"/v1/conversations/{id}/messages", new { body = new string('b', 10_000) });

        Assert.Equal((HttpStatusCode.BadRequest, "subject"), (longSubject.Status, longSubject.Json["errors"]!.AsObject().Single().Key));
        Assert.Equal((HttpStatusCode.BadRequest, "body"), (longBody.Status, longBody.Json["errors"]!.AsObject().Single().Key));
        Assert.Equal(HttpStatusCode.Created, longest.Status);
    }

    [Fact]
    public async Task Forty_racing_replies_on_two_instances_each_take_their_own_place_and_a_retried_one_posts_once()
    {
        var shopper = await _given.CustomerAsync();
        var id = S((await shopper.Client.PostJsonAsync($"/v1/customers/{shopper.Id}/conversations", new { subject = "Busy", body = "First." })).Json["id"]);
        await using var second = new SiblingApiFixture(api);
        await second.InitializeAsync();
        var clients = new[] { _admin, shopper.Client, second.Admin(), second.Customer(shopper.Id) };
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            clients[i % 4].PostJsonAsync($"/v1/conversations/{id}/messages", new { body = $"Reply {i}" }, Guid.NewGuid().ToString())));
        var retried = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => shopper.Client.PostJsonAsync($"/v1/conversations/{id}/messages", new { body = "Once" }, key)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.Status));
        Assert.Contains(retried, r => r.Status == HttpStatusCode.Created);
        var thread = (await _admin.GetJsonAsync($"/v1/conversations/{id}")).Json;
        var messages = thread["messages"]!.AsArray();
        Assert.Equal(Enumerable.Range(1, 42), messages.Select(m => m!["sequence"]!.GetValue<int>()));
        Assert.Equal(42, thread["messageCount"]!.GetValue<int>());
        Assert.Single(messages, m => S(m!["body"]) == "Once");
        Assert.Equal(40, messages.Select(m => S(m!["body"])).Count(b => b.StartsWith("Reply ", StringComparison.Ordinal)));
    }

    private static string S(JsonNode? node) => node!.GetValue<string>();
}

[Collection("sqlite")]
public sealed class SqliteSupportConversationTests(SqliteApiFixture api) : SupportConversationTests(api);

[Collection("postgres")]
public sealed class PostgresSupportConversationTests(PostgresApiFixture api) : SupportConversationTests(api);
