using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CleanPrepay.Gateways.ContractTests.Support;
using Microsoft.AspNetCore.Http;

namespace CleanPrepay.WebApi.IntegrationTests.Support;

/// <summary>One POST as the receiver saw it: the Standard Webhooks headers and the exact body.</summary>
public sealed record ReceivedWebhook(string Id, string Timestamp, string Signature, string Body, int Answered, DateTimeOffset At)
{
    public JsonNode Json => JsonNode.Parse(Body)!;

    public string Type => Json["type"]!.GetValue<string>();

    public string? DataId => Json["data"]?["id"]?.GetValue<string>();

    public HeaderDictionary Headers => new()
    {
        ["webhook-id"] = Id,
        ["webhook-timestamp"] = Timestamp,
        ["webhook-signature"] = Signature,
    };
}

/// <summary>
/// A real HTTP receiver on loopback (the contract tests' <see cref="FakeProvider"/>), answering each request with
/// what <see cref="Answer"/> says (200 unless told), and keeping everything it got in order.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly FakeProvider _server;

    public ConcurrentQueue<ReceivedWebhook> Received { get; }

    /// <summary>The status for the n-th request (1-based) and its body; 200 by default.</summary>
    public Func<int, ReceivedWebhook, int> Answer { get; set; } = (_, _) => 200;

    public string Url => new Uri(_server.BaseUrl, "hook").ToString();

    private WebhookReceiver(FakeProvider server, ConcurrentQueue<ReceivedWebhook> received)
    {
        _server = server;
        Received = received;
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        WebhookReceiver? self = null;
        var received = new ConcurrentQueue<ReceivedWebhook>();
        var count = 0;
        var server = await FakeProvider.StartAsync(request =>
        {
            var seen = new ReceivedWebhook(
                request.Header("webhook-id") ?? "", request.Header("webhook-timestamp") ?? "", request.Header("webhook-signature") ?? "",
                request.Body, 0, DateTimeOffset.UtcNow);
            var status = self!.Answer(Interlocked.Increment(ref count), seen);
            received.Enqueue(seen with { Answered = status });
            return new FakeResponse(status);
        });
        self = new WebhookReceiver(server, received);
        return self;
    }

    /// <summary>Waits until <paramref name="done"/> holds for what was received, or fails after <paramref name="within"/>.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> done, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var seen = Received.ToList();
            if (done(seen))
            {
                return seen;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Waited {within.TotalSeconds:0} s for {what}; got {seen.Count}: {string.Join(", ", seen.Select(s => $"{s.Type}:{s.Answered}"))}");
            }

            await Task.Delay(50);
        }
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
