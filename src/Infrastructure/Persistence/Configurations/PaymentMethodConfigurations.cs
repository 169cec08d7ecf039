using CleanPrepay.Domain.PaymentMethods;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanPrepay.Infrastructure.Persistence.Configurations;

internal sealed class SavedPaymentMethodConfiguration : IEntityTypeConfiguration<SavedPaymentMethod>
{
    public void Configure(EntityTypeBuilder<SavedPaymentMethod> builder)
    {
        builder.ToTable("saved_payment_methods");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).HasMaxLength(40);
        builder.Property(m => m.CustomerId).HasMaxLength(40);
        builder.Property(m => m.Gateway).HasMaxLength(32);
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.ProviderCustomerId).HasMaxLength(255);
        builder.Property(m => m.ProviderMethodId).HasMaxLength(255);
        builder.Property(m => m.SetupReference).HasMaxLength(255);
        builder.Property(m => m.NextActionType).HasMaxLength(32);
        builder.Property(m => m.NextActionUrl).HasMaxLength(2048);
        builder.Property(m => m.FailureCode).HasMaxLength(64);
        builder.Property(m => m.FailureMessage).HasMaxLength(500);
        builder.ComplexProperty(m => m.Display, d =>
        {
            d.Property(x => x.Brand).HasColumnName("display_brand").HasMaxLength(32);
            d.Property(x => x.Last4).HasColumnName("display_last4").HasMaxLength(4);
            d.Property(x => x.ExpMonth).HasColumnName("display_exp_month");
            d.Property(x => x.ExpYear).HasColumnName("display_exp_year");
            d.Property(x => x.Email).HasColumnName("display_email").HasMaxLength(254);
        });
        builder.Ignore(m => m.IsUsable);
        builder.HasIndex(m => new { m.CustomerId, m.CreatedAt });
        // A webhook or a set-up sync finds the method by the provider's set-up object.
        builder.HasIndex(m => new { m.Gateway, m.SetupReference });
        builder.Ignore(m => m.DomainEvents);
    }
}

internal sealed class GatewayCustomerConfiguration : IEntityTypeConfiguration<GatewayCustomer>
{
    public void Configure(EntityTypeBuilder<GatewayCustomer> builder)
    {
        builder.ToTable("gateway_customers");
        builder.HasKey(c => new { c.CustomerId, c.Gateway });
        builder.Property(c => c.CustomerId).HasMaxLength(40);
        builder.Property(c => c.Gateway).HasMaxLength(32);
        builder.Property(c => c.ProviderCustomerId).HasMaxLength(255);
    }
}

internal sealed class AutoTopUpConfiguration : IEntityTypeConfiguration<Domain.TopUps.AutoTopUp>
{
    public void Configure(EntityTypeBuilder<Domain.TopUps.AutoTopUp> builder)
    {
        builder.ToTable("auto_top_ups");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasMaxLength(40);
        builder.Property(a => a.CustomerId).HasMaxLength(40);
        builder.Property(a => a.Currency).HasMaxLength(3);
        builder.Property(a => a.PackageId).HasMaxLength(40);
        builder.Property(a => a.SavedMethodId).HasMaxLength(40);
        builder.Property(a => a.InFlightTopUpId).HasMaxLength(40);
        builder.Property(a => a.Month).HasMaxLength(7);
        builder.Ignore(a => a.Threshold);
        // One auto top-up per pocket; the worker walks the enabled ones.
        builder.HasIndex(a => new { a.CustomerId, a.Currency }).IsUnique();
        builder.HasIndex(a => new { a.Enabled, a.UpdatedAt });
        builder.Ignore(a => a.DomainEvents);
    }
}
