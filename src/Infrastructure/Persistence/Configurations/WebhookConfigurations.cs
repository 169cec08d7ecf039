using CleanPrepay.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanPrepay.Infrastructure.Persistence.Configurations;

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        builder.ToTable("webhook_endpoints");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasMaxLength(40);
        builder.Property(e => e.Url).HasMaxLength(WebhookEndpoint.MaxUrlLength);
        builder.Property(e => e.Events).HasConversion(JsonColumns.IdListConverter, JsonColumns.IdListComparer).HasMaxLength(2000);
        builder.Property(e => e.Description).HasMaxLength(WebhookEndpoint.MaxDescriptionLength);
        builder.Property(e => e.Secret).HasMaxLength(100);
        builder.Property(e => e.PreviousSecret).HasMaxLength(100);
        builder.Ignore(e => e.DomainEvents);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).HasMaxLength(40);
        builder.Property(d => d.EndpointId).HasMaxLength(40);
        builder.Property(d => d.EventId).HasMaxLength(48); // evt_…, or evt_…_n for an event of a batch row
        builder.Property(d => d.EventType).HasMaxLength(60);
        builder.Property(d => d.ResourceKey).HasMaxLength(80);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.LastError).HasMaxLength(500);
        builder.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
        // One delivery per event and endpoint: a fan-out run again after a crash adds none twice.
        builder.HasIndex(d => new { d.EndpointId, d.EventId }).IsUnique();
        // What the dispatcher asks, over the pending ones only: which are due, and whether an earlier one of the same resource waits.
        builder.HasIndex(d => d.NextAttemptAt).HasDatabaseName("ix_webhook_deliveries_pending_due").HasFilter("status = 'Pending'");
        builder.HasIndex(d => new { d.EndpointId, d.ResourceKey, d.Sequence }).HasDatabaseName("ix_webhook_deliveries_pending_resource").HasFilter("status = 'Pending'");
        builder.HasIndex(d => d.Sequence).IsUnique(); // the fan-out continues from the highest
        builder.HasIndex(d => new { d.EndpointId, d.Id }); // the endpoint's log, newest first
    }
}
