using System.Text.Json;
using CleanPrepay.Domain.Coupons;
using CleanPrepay.Domain.Monetary;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CleanPrepay.Infrastructure.Persistence.Configurations;

internal sealed class CouponCampaignConfiguration : IEntityTypeConfiguration<CouponCampaign>
{
    private sealed record AmountRow(long Amount, string Currency);

    private static readonly ValueConverter<IReadOnlyList<Money>, string> AmountsConverter = new(
        v => JsonSerializer.Serialize(v.Select(m => new AmountRow(m.MinorUnits, m.Currency.Code)).ToList(), JsonSerializerOptions.Default),
        v => JsonSerializer.Deserialize<List<AmountRow>>(v, JsonSerializerOptions.Default)!.Select(r => new Money(r.Amount, Currency.From(r.Currency))).ToList());

    private static readonly ValueConverter<IReadOnlyList<string>, string> IdsConverter = new(
        v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
        v => JsonSerializer.Deserialize<List<string>>(v, JsonSerializerOptions.Default)!);

    public void Configure(EntityTypeBuilder<CouponCampaign> builder)
    {
        builder.ToTable("coupon_campaigns");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasMaxLength(40);
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Duration).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.AppliesTo).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.AmountOff).HasConversion(AmountsConverter, Comparer<Money>()).HasColumnName("amount_off");
        builder.Property(c => c.PlanIds).HasConversion(IdsConverter, Comparer<string>()).HasColumnName("plan_ids");
        builder.Property(c => c.PackageIds).HasConversion(IdsConverter, Comparer<string>()).HasColumnName("package_ids");
        builder.Property(c => c.Code).HasMaxLength(CouponCode.MaxLength);
        builder.HasIndex(c => new { c.ExpiredAt, c.Id });
        builder.Ignore(c => c.DomainEvents);
    }

    private static ValueComparer<IReadOnlyList<T>> Comparer<T>() =>
        new((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x)), v => v.ToList());
}

internal sealed class CouponCodeConfiguration : IEntityTypeConfiguration<CouponCode>
{
    public void Configure(EntityTypeBuilder<CouponCode> builder)
    {
        builder.ToTable("coupon_codes");
        builder.HasKey(c => c.Key);
        builder.Property(c => c.Key).HasMaxLength(CouponCode.MaxLength);
        builder.Property(c => c.Code).HasMaxLength(CouponCode.MaxLength + 16);
        builder.Property(c => c.CampaignId).HasMaxLength(40);
        builder.Property(c => c.RedeemedBy).HasMaxLength(40);
        builder.HasOne<CouponCampaign>().WithMany().HasForeignKey(c => c.CampaignId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.CampaignId, c.Key });
    }
}

internal sealed class CouponRedemptionConfiguration : IEntityTypeConfiguration<CouponRedemption>
{
    public void Configure(EntityTypeBuilder<CouponRedemption> builder)
    {
        builder.ToTable("coupon_redemptions");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasMaxLength(40);
        builder.Property(r => r.CampaignId).HasMaxLength(40);
        builder.Property(r => r.CampaignName).HasMaxLength(200);
        builder.Property(r => r.Code).HasMaxLength(CouponCode.MaxLength);
        builder.Property(r => r.CustomerId).HasMaxLength(40);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.OrderId).HasMaxLength(40);
        builder.Property(r => r.SubscriptionId).HasMaxLength(40);
        builder.Property(r => r.Currency).HasMaxLength(3);
        builder.HasOne<CouponCampaign>().WithMany().HasForeignKey(r => r.CampaignId).OnDelete(DeleteBehavior.Restrict);

        // A customer redeems a campaign once: the database says so, whatever races.
        builder.HasIndex(r => new { r.CampaignId, r.CustomerId }).IsUnique();
        builder.HasIndex(r => new { r.CustomerId, r.Id });
        builder.HasIndex(r => new { r.CampaignId, r.Status, r.Currency });
        builder.Ignore(r => r.DomainEvents);
    }
}
