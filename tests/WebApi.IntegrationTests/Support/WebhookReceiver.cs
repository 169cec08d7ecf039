using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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
/// A real HTTP receiver on loopback (Kestrel), answering each request with what <see cref="Answer"/> says
/// (200 unless told), and keeping everything it got in order.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _count;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    /// <summary>The status for the n-th request (1-based) and its body; 200 by default.</summary>
    public Func<int, ReceivedWebhook, int> Answer { get; set; } = (_, _) => 200;

    public string Url { get; }

    private WebhookReceiver(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        WebhookReceiver? self = null;
        app.MapPost("/hook", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            var seen = new ReceivedWebhook(
                http.Request.Headers["webhook-id"].ToString(), http.Request.Headers["webhook-timestamp"].ToString(),
                http.Request.Headers["webhook-signature"].ToString(), body, 0, DateTimeOffset.UtcNow);
            var status = self!.Answer(Interlocked.Increment(ref self._count), seen);
            self.Received.Enqueue(seen with { Answered = status });
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new WebhookReceiver(app, address.TrimEnd('/') + "/hook");
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

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
