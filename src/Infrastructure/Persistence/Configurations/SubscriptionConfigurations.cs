using CleanPrepay.Domain.Notifications;
using CleanPrepay.Domain.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanPrepay.Infrastructure.Persistence.Configurations;

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> builder)
    {
        builder.ToTable("subscriptions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(40);
        builder.Property(s => s.CustomerId).HasMaxLength(40);
        builder.Property(s => s.PlanId).HasMaxLength(40);
        builder.ComplexProperty(s => s.Price).MapMoney("price", "currency");
        builder.Ignore(s => s.Currency);
        builder.Property(s => s.Interval).HasConversion<string>().HasMaxLength(8);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(s => s.RenewalMethod).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.RiskOutcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Gateway).HasMaxLength(32);
        builder.Property(s => s.PaymentMethodToken).HasMaxLength(255);
        builder.Property(s => s.SavedMethodId).HasMaxLength(40);
        builder.Property(s => s.CancelReason).HasMaxLength(64);
        builder.Property(s => s.CouponCampaignId).HasMaxLength(40);
        builder.Property(s => s.CouponCode).HasMaxLength(64);
        builder.HasIndex(s => new { s.CustomerId, s.Id });
        // One open subscription per customer and plan, even when two starts race (the loser gets 409).
        builder.HasIndex(s => new { s.CustomerId, s.PlanId }).IsUnique().HasFilter("status <> 'Canceled'");
        // The renewal worker's claim: what is due, oldest first.
        builder.HasIndex(s => s.NextChargeAt);
        builder.Ignore(s => s.Calendar);
        builder.Ignore(s => s.IsOpen);
        builder.Ignore(s => s.NextChargeFrom);
        builder.Ignore(s => s.DomainEvents);
    }
}

/// <summary>One row per trial taken; the key (customer, scope) makes a second trial of the same scope a unique violation (ADR 0028).</summary>
internal sealed class TrialGrantConfiguration : IEntityTypeConfiguration<TrialGrant>
{
    public void Configure(EntityTypeBuilder<TrialGrant> builder)
    {
        builder.ToTable("trial_grants");
        builder.HasKey(t => new { t.CustomerId, t.Scope });
        builder.Property(t => t.CustomerId).HasMaxLength(40);
        builder.Property(t => t.Scope).HasMaxLength(40);
        builder.Property(t => t.PlanId).HasMaxLength(40);
        builder.Property(t => t.SubscriptionId).HasMaxLength(40);
    }
}

internal sealed class PrepaymentConfiguration : IEntityTypeConfiguration<Prepayment>
{
    public void Configure(EntityTypeBuilder<Prepayment> builder)
    {
        builder.ToTable("prepayments");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasMaxLength(40);
        builder.Property(p => p.CustomerId).HasMaxLength(40);
        builder.Property(p => p.SubscriptionId).HasMaxLength(40);
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(16);
        builder.ComplexProperty(p => p.Amount).MapMoney("amount", "currency");
        builder.Property<long?>("_partialAmount").HasColumnName("partial_amount");
        builder.Ignore(p => p.Currency);
        builder.Ignore(p => p.PartialAmount);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.OrderId).HasMaxLength(40);
        // No span of a subscription's days is billed twice (a plan change may start on the day its first prepayment did).
        builder.HasIndex(p => new { p.SubscriptionId, p.PeriodStart, p.Kind }).IsUnique();
        // GetPendingPrepayments: by status (and customer), newest first, a created range, keyset paging on (created_at, id).
        builder.HasIndex(p => new { p.Status, p.CreatedAt, p.Id });
        builder.HasIndex(p => new { p.CustomerId, p.Status, p.CreatedAt, p.Id });
        // The expiry sweep reads pending prepayments by their expiry.
        builder.HasIndex(p => p.ExpiresAt);
        builder.Ignore(p => p.PaysThrough);
        builder.Ignore(p => p.DomainEvents);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("notifications");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).HasMaxLength(40);
        builder.Property(n => n.CustomerId).HasMaxLength(40);
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(n => n.Channel).HasMaxLength(16);
        builder.Property(n => n.To).HasMaxLength(320);
        builder.Property(n => n.Language).HasMaxLength(8);
        builder.Property(n => n.Subject).HasMaxLength(300);
        builder.Property(n => n.Body).HasMaxLength(8000);
        builder.Property(n => n.RelatedId).HasMaxLength(40);
        builder.HasIndex(n => new { n.CustomerId, n.Id });
        // One message of each kind per prepayment: an outbox redelivery finds it and sends nothing twice.
        builder.HasIndex(n => new { n.RelatedId, n.Kind }).IsUnique();
        builder.Ignore(n => n.DomainEvents);
    }
}
