using System.Text.Json;
using CleanPrepay.Domain.Accesses;
using CleanPrepay.Domain.Bonuses;
using CleanPrepay.Domain.Catalog;
using CleanPrepay.Domain.Monetary;
using CleanPrepay.Domain.Orders;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Domain.Views;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CleanPrepay.Infrastructure.Persistence.Configurations;

/// <summary>Price lists and offers are stored as small JSON documents: read whole, never queried inside.</summary>
internal static class JsonColumns
{
    private sealed record PriceRow(long Amount, string Currency);

    private sealed record OfferRow(List<PriceRow> Prices, long? Credits, int? AccessHours);

    public static readonly ValueConverter<PriceList, string> PriceListConverter = new(
        v => JsonSerializer.Serialize(ToRows(v), JsonSerializerOptions.Default),
        v => FromRows(JsonSerializer.Deserialize<List<PriceRow>>(v, JsonSerializerOptions.Default)!));

    public static readonly ValueConverter<VideoOffer?, string?> OfferConverter = new(
        v => v == null ? null : JsonSerializer.Serialize(new OfferRow(ToRows(v.Price), v.Credits, v.AccessHours), JsonSerializerOptions.Default),
        v => v == null ? null : ToOffer(JsonSerializer.Deserialize<OfferRow>(v, JsonSerializerOptions.Default)!));

    public static readonly ValueConverter<IReadOnlyList<string>, string> IdListConverter = new(
        v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
        v => (IReadOnlyList<string>)(JsonSerializer.Deserialize<List<string>>(v, JsonSerializerOptions.Default) ?? new List<string>()));

    public static readonly ValueComparer<IReadOnlyList<string>> IdListComparer = new(
        (a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s)), v => v.ToList());

    public static readonly ValueComparer<PriceList> PriceListComparer = new((a, b) => Equals(a, b), v => v.GetHashCode(), v => new PriceList(v.Prices.ToList()));

    public static readonly ValueComparer<VideoOffer?> OfferComparer = new((a, b) => Equals(a, b), v => v == null ? 0 : v.GetHashCode(), v => v);

    private static List<PriceRow> ToRows(PriceList list) => list.Prices.Select(p => new PriceRow(p.MinorUnits, p.Currency.Code)).ToList();

    private static PriceList FromRows(List<PriceRow> rows) => new(rows.Select(r => new Money(r.Amount, Currency.From(r.Currency))).ToList());

    private static VideoOffer ToOffer(OfferRow row) => new(FromRows(row.Prices), row.Credits, row.AccessHours);
}

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> builder)
    {
        builder.ToTable("plans");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasMaxLength(40);
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Price).HasConversion(JsonColumns.PriceListConverter, JsonColumns.PriceListComparer).HasColumnName("prices");
        builder.Property(p => p.Interval).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Billing).HasConversion<string>().HasMaxLength(16);
        builder.ComplexProperty(p => p.MinPrepayment).MapMoney("min_prepayment_amount", "min_prepayment_currency", required: false);
        builder.Property(p => p.Coverage).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.VideoIds).HasConversion(JsonColumns.IdListConverter, JsonColumns.IdListComparer);
        builder.Ignore(p => p.DomainEvents);
    }
}

internal sealed class VideoConfiguration : IEntityTypeConfiguration<Video>
{
    public void Configure(EntityTypeBuilder<Video> builder)
    {
        builder.ToTable("videos");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).HasMaxLength(40);
        builder.Property(v => v.Title).HasMaxLength(300);
        builder.Property(v => v.Rent).HasConversion(JsonColumns.OfferConverter, JsonColumns.OfferComparer).HasColumnName("rent_offer");
        builder.Property(v => v.Buy).HasConversion(JsonColumns.OfferConverter, JsonColumns.OfferComparer).HasColumnName("buy_offer");
        builder.Ignore(v => v.DomainEvents);
    }
}

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.ToTable("orders");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).HasMaxLength(40);
        builder.Property(o => o.CustomerId).HasMaxLength(40);
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(o => o.PaymentMethod).HasConversion<string>().HasMaxLength(16);
        builder.ComplexProperty(o => o.Total).MapMoney("total", "currency");
        builder.Property<long>("_subtotal").HasColumnName("subtotal");
        builder.Property<long>("_discount").HasColumnName("discount");
        builder.Property<long>("_tax").HasColumnName("tax");
        builder.Property<long>("_refundedAmount").HasColumnName("refunded_amount");
        builder.Ignore(o => o.Currency);
        builder.Ignore(o => o.Subtotal);
        builder.Ignore(o => o.Discount);
        builder.Ignore(o => o.Tax);
        builder.Ignore(o => o.RefundedAmount);
        builder.Ignore(o => o.RefundableAmount);
        builder.Ignore(o => o.RefundableCredits);
        builder.Property(o => o.Country).HasMaxLength(2);
        builder.Property(o => o.PaymentId).HasMaxLength(40);
        builder.Property(o => o.CouponCode).HasMaxLength(64);
        builder.Property(o => o.PrepaymentId).HasMaxLength(40);
        builder.HasIndex(o => o.PrepaymentId);
        builder.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(o => o.Lines).HasField("_lines").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(o => new { o.CustomerId, o.Id });
        builder.HasIndex(o => new { o.Status, o.Id });
        builder.Ignore(o => o.DomainEvents);
    }
}

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> builder)
    {
        builder.ToTable("order_lines");
        builder.HasKey(l => new { l.OrderId, l.Position });
        builder.Property(l => l.OrderId).HasMaxLength(40);
        builder.Property(l => l.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(l => l.ItemId).HasMaxLength(40);
        builder.Property(l => l.Description).HasMaxLength(300);
    }
}

internal sealed class AccessConfiguration : IEntityTypeConfiguration<Access>
{
    public void Configure(EntityTypeBuilder<Access> builder)
    {
        builder.ToTable("accesses");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasMaxLength(40);
        builder.Property(a => a.CustomerId).HasMaxLength(40);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.VideoId).HasMaxLength(40);
        builder.Property(a => a.PlanId).HasMaxLength(40);
        builder.Property(a => a.OrderId).HasMaxLength(40);
        builder.Property(a => a.SubscriptionId).HasMaxLength(40);
        builder.Property(a => a.Reason).HasMaxLength(500);
        builder.Property(a => a.GrantedBy).HasMaxLength(100);
        // The entitlement check reads (customer, video) and (customer, kind) only.
        builder.HasIndex(a => new { a.CustomerId, a.VideoId });
        builder.HasIndex(a => new { a.CustomerId, a.Kind });
        builder.HasIndex(a => a.OrderId);
        builder.HasIndex(a => a.SubscriptionId);
        builder.Ignore(a => a.DomainEvents);
    }
}

internal sealed class BonusRuleConfiguration : IEntityTypeConfiguration<BonusRule>
{
    public void Configure(EntityTypeBuilder<BonusRule> builder)
    {
        builder.ToTable("bonus_rules");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).HasMaxLength(40);
        builder.Property(b => b.Trigger).HasConversion<string>().HasMaxLength(40);
        builder.Property(b => b.PlanId).HasMaxLength(40);
        builder.ComplexProperty(b => b.GrantAmount).MapMoney("grant_amount", "grant_currency", required: false);
        builder.Ignore(b => b.DomainEvents);
    }
}

internal sealed class ViewRecordConfiguration : IEntityTypeConfiguration<ViewRecord>
{
    public void Configure(EntityTypeBuilder<ViewRecord> builder)
    {
        builder.ToTable("views");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).HasMaxLength(40);
        builder.Property(v => v.CustomerId).HasMaxLength(40);
        builder.Property(v => v.VideoId).HasMaxLength(40);
        builder.HasIndex(v => new { v.CustomerId, v.VideoId });
    }
}

internal sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> builder)
    {
        builder.ToTable("refunds");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasMaxLength(40);
        builder.Property(r => r.PaymentId).HasMaxLength(40);
        builder.ComplexProperty(r => r.Amount).MapMoney("amount", "currency");
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(r => r.ProviderReference).HasMaxLength(255);
        builder.Property(r => r.CreatedBy).HasMaxLength(100);
        builder.HasIndex(r => r.PaymentId);
        builder.HasIndex(r => r.ProviderReference);
    }
}
