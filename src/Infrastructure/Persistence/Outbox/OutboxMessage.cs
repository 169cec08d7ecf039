using System.Text.Json;
using CleanPrepay.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Infrastructure.Persistence.Outbox;

/// <summary>A domain event stored in the same transaction as the change that raised it.</summary>
internal sealed class OutboxMessage
{
    public required string Id { get; init; }

    /// <summary>The event's type name, e.g. <c>WalletLedgerEntryAdded</c>.</summary>
    public required string Type { get; init; }

    public required string Payload { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    public DateTimeOffset? ProcessedAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    /// <summary>Not before: a failed send waits (doubling from 1 s, or what the other side asked with a 429).</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>Until when one processor owns the message (it is being sent); a crashed sender's claim runs out.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }

    /// <summary>An outgoing-webhook event type: the fan-out (not this processor) turns it into deliveries.</summary>
    public bool Webhook { get; init; }

    /// <summary>When the webhook fan-out made this event's deliveries; null while it waits.</summary>
    public DateTimeOffset? FannedOutAt { get; set; }

    /// <param name="handled">Whether an <see cref="IOutboxHandler"/> takes it; a webhook-only event is born processed.</param>
    /// <summary>The type of a row holding several webhook-only events of one transaction, in the order they were raised.</summary>
    public const string WebhookBatchType = "WebhookEventBatch";

    /// <summary>One row for the webhook-only events of a transaction: [{"type": "OrderPaid", "event": {…}}, …], born processed.</summary>
    public static OutboxMessage ForWebhookBatch(IReadOnlyList<IDomainEvent> events, string id) => new()
    {
        Id = id,
        Type = WebhookBatchType,
        Payload = JsonSerializer.Serialize(events.Select(e => new BatchedEvent(e.GetType().Name, JsonSerializer.SerializeToElement(e, e.GetType(), JsonSerializerOptions.Web))), JsonSerializerOptions.Web),
        OccurredAt = events[0].OccurredAt,
        Webhook = true,
        ProcessedAt = events[0].OccurredAt,
    };

    public sealed record BatchedEvent(string Type, JsonElement Event);

    /// <param name="id">Given when several events of one transaction must sort in the order they were raised.</param>
    public static OutboxMessage For(IDomainEvent domainEvent, bool webhook = false, bool handled = true, string? id = null) => new()
    {
        Id = id ?? Ids.New("evt"),
        Type = domainEvent.GetType().Name,
        Payload = JsonSerializer.Serialize(domainEvent, domainEvent.GetType(), JsonSerializerOptions.Web),
        OccurredAt = domainEvent.OccurredAt,
        Webhook = webhook,
        ProcessedAt = handled ? null : domainEvent.OccurredAt,
    };
}

internal sealed class OutboxMessageConfiguration : Microsoft.EntityFrameworkCore.IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).HasMaxLength(40);
        builder.Property(m => m.Type).HasMaxLength(200);
        builder.Property(m => m.LastError).HasMaxLength(2000);
        builder.HasIndex(m => new { m.ProcessedAt, m.OccurredAt });
        builder.HasIndex(m => new { m.OccurredAt, m.Id }).HasDatabaseName("ix_outbox_messages_webhook_waiting").HasFilter("webhook AND fanned_out_at IS NULL");
    }
}
