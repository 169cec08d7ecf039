using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Webhooks;
using CleanPrepay.Infrastructure.Hosting;
using CleanPrepay.Infrastructure.Persistence;
using CleanPrepay.Infrastructure.Persistence.Migrations;
using CleanPrepay.Infrastructure.Persistence.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CleanPrepay.Infrastructure.Webhooks;

/// <summary>
/// Turns committed webhook events (from the outbox, so never one of a rolled-back change) into one delivery per
/// endpoint that wants it. One instance at a time (an advisory lock), in the outbox's order, so each delivery's
/// <see cref="WebhookDelivery.Sequence"/> follows its event's order and per-resource ordering holds across instances.
/// </summary>
internal sealed class WebhookFanOut(IServiceScopeFactory scopes, TimeProvider time, ILogger<WebhookFanOut> logger, SchemaGate schema)
    : BatchWorker(schema, time, logger)
{
    internal const int Batch = 500;
    private const long LockKey = 0x57656268_6f6f6b46; // "WebhookF"

    protected override int BatchSize => Batch;

    protected override TimeSpan IdleDelay => TimeSpan.FromMilliseconds(250);

    /// <summary>Fans out the next batch of waiting events in one transaction; returns how many events it took (0 when another instance holds the lock).</summary>
    internal override async Task<int> RunBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CleanPrepayDbContext>();
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.IsPostgres && !await db.Database.SqlQueryRaw<bool>($"SELECT pg_try_advisory_xact_lock({LockKey}) AS \"Value\"").SingleAsync(cancellationToken))
        {
            return 0;
        }

        var events = await db.OutboxMessages.AsNoTracking().Where(m => m.Webhook && m.FannedOutAt == null)
            .OrderBy(m => m.OccurredAt).ThenBy(m => m.Id).Take(Batch).ToListAsync(cancellationToken);
        if (events.Count == 0)
        {
            return 0;
        }

        var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => e.Enabled).ToListAsync(cancellationToken);
        var sequence = await db.WebhookDeliveries.MaxAsync(d => (long?)d.Sequence, cancellationToken) ?? 0;
        var now = Time.GetUtcNow();
        foreach (var message in events)
        {
            foreach (var (eventId, type, payload) in Unpack(message))
            {
                if (!WebhookEventMap.ByDomainEvent.TryGetValue(type, out var mapping))
                {
                    continue;
                }

                var wanting = endpoints.Where(e => e.Wants(mapping.Type) && e.CreatedAt <= message.OccurredAt).ToList();
                if (wanting.Count == 0)
                {
                    continue;
                }

                string resource, body;
                try
                {
                    (resource, body) = Describe(mapping, eventId, message.OccurredAt, payload);
                }
                catch (Exception ex) when (ex is JsonException or InvalidCastException or NullReferenceException or NotSupportedException)
                {
                    // One unreadable event must not hold back every later one: it is marked and left out, and said so.
                    Logger.LogError("Webhook event {EventId} ({Type}) could not be described and is not delivered: {Exception}", eventId, type, ex.GetType().Name);
                    continue;
                }

                foreach (var endpoint in wanting)
                {
                    db.WebhookDeliveries.Add(WebhookDelivery.For(endpoint.Id, eventId, mapping.Type, resource, body, ++sequence, now));
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        // One statement marks the batch, not one UPDATE per event.
        var ids = events.Select(m => m.Id).ToList();
        await db.OutboxMessages.Where(m => ids.Contains(m.Id)).ExecuteUpdateAsync(u => u.SetProperty(m => m.FannedOutAt, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return events.Count;
    }

    /// <summary>
    /// The events a row holds, in raise order: itself, or the webhook-only events of its transaction, whose ids are the
    /// row's with their place appended (evt_…_0, evt_…_1).
    /// </summary>
    internal static IEnumerable<(string EventId, string Type, string Payload)> Unpack(OutboxMessage message)
    {
        if (message.Type != OutboxMessage.WebhookBatchType)
        {
            yield return (message.Id, message.Type, message.Payload);
            yield break;
        }

        List<OutboxMessage.BatchedEvent>? batch = null;
        try
        {
            batch = JsonSerializer.Deserialize<List<OutboxMessage.BatchedEvent>>(message.Payload, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
        }

        for (var i = 0; i < (batch?.Count ?? 0); i++)
        {
            yield return ($"{message.Id}_{i}", batch![i].Type, batch[i].Event.GetRawText());
        }
    }

    /// <summary>The body is fixed here, once, so every attempt sends and signs the same bytes.</summary>
    internal static (string Resource, string Body) Describe(WebhookEventMap.Mapping mapping, string eventId, DateTimeOffset occurredAt, string payload)
    {
        var domainEvent = (IDomainEvent)JsonSerializer.Deserialize(payload, mapping.DomainEvent, JsonSerializerOptions.Web)!;
        var (resource, data) = mapping.Describe(domainEvent);
        var body = new JsonObject
        {
            ["id"] = eventId,
            ["type"] = mapping.Type,
            ["createdAt"] = occurredAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            ["data"] = JsonSerializer.SerializeToNode(data, WebhookEventMap.DataJson),
        };
        return (resource, body.ToJsonString());
    }
}
