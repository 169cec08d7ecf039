using System.Text.Json;
using CleanPrepay.Domain.Customers;
using CleanPrepay.Domain.Monetary;
using CleanPrepay.Domain.Packages;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Domain.Settings;
using CleanPrepay.Domain.TopUps;
using CleanPrepay.Domain.Wallets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CleanPrepay.Infrastructure.Persistence.Configurations;

internal static class MoneyColumns
{
    private static readonly ValueConverter<Currency, string> CurrencyCode = new(c => c.Code, code => Currency.From(code));

    /// <summary>
    /// Maps a Money complex property onto its two existing columns, minor units and the ISO code;
    /// an optional one (a package's money grant) has both null when there is none.
    /// </summary>
    public static void MapMoney(this ComplexPropertyBuilder<Money> builder, string amountColumn, string currencyColumn, bool required = true)
    {
        builder.IsRequired(required);
        builder.Property(m => m.MinorUnits).HasColumnName(amountColumn);
        builder.Property(m => m.Currency).HasConversion(CurrencyCode).HasColumnName(currencyColumn).HasMaxLength(3).IsRequired();
    }
}

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.ToTable("customers");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasMaxLength(40);
        builder.Property(c => c.Email).HasMaxLength(254);
        builder.Property(c => c.NormalizedEmail).HasMaxLength(254);
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Language).HasMaxLength(16);
        builder.Property(c => c.Country).HasMaxLength(2);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        // Unique without case (ADR 0029): two racing registrations of "A@x" and "a@x" make one customer.
        builder.HasIndex(c => c.NormalizedEmail).IsUnique();
        builder.Property(c => c.NormalizedName).HasMaxLength(200);
        builder.HasIndex(c => c.NormalizedName);
        builder.Ignore(c => c.DomainEvents);
    }
}

internal sealed class WalletConfiguration : IEntityTypeConfiguration<Wallet>
{
    public void Configure(EntityTypeBuilder<Wallet> builder)
    {
        builder.ToTable("wallets");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).HasMaxLength(40);
        builder.Property(w => w.CustomerId).HasMaxLength(40);
        builder.HasIndex(w => w.CustomerId).IsUnique();
        builder.HasOne<Customer>().WithOne().HasForeignKey<Wallet>(w => w.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(w => w.Pockets).WithOne().HasForeignKey(p => p.WalletId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(w => w.Pockets).HasField("_pockets").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(w => w.NewEntries);
        builder.Ignore(w => w.DomainEvents);
    }
}

internal sealed class WalletPocketConfiguration : IEntityTypeConfiguration<WalletPocket>
{
    public void Configure(EntityTypeBuilder<WalletPocket> builder)
    {
        builder.ToTable("wallet_pockets");
        builder.HasKey(p => new { p.WalletId, p.Currency });
        // Defence in depth behind the wallet's row lock and version: a pocket written from a stale read fails and is retried.
        builder.Property(p => p.Balance).IsConcurrencyToken();
        builder.Property(p => p.WalletId).HasMaxLength(40);
        builder.Property(p => p.Currency).HasMaxLength(3);
    }
}

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> builder)
    {
        builder.ToTable("ledger_entries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasMaxLength(40);
        builder.Property(e => e.WalletId).HasMaxLength(40);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.Currency).HasMaxLength(3);
        builder.Property(e => e.Reference).HasMaxLength(64);
        builder.Property(e => e.Reason).HasMaxLength(500);
        builder.Property(e => e.CreatedBy).HasMaxLength(100);
        builder.HasIndex(e => new { e.WalletId, e.Sequence }).IsUnique();
        builder.HasOne<Wallet>().WithMany().HasForeignKey(e => e.WalletId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(e => e.IsCredits);
    }
}

internal sealed class MerchantSettingsConfiguration : IEntityTypeConfiguration<MerchantSettings>
{
    public void Configure(EntityTypeBuilder<MerchantSettings> builder)
    {
        builder.ToTable("merchant_settings");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.TrialPolicy).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Id).HasMaxLength(40);
        builder.Property(s => s.NegativeBalanceLimits)
            .HasConversion(
                v => JsonSerializer.Serialize(v.Select(m => new LimitRow(m.MinorUnits, m.Currency.Code)), JsonSerializerOptions.Default),
                v => (IReadOnlyList<Money>)(JsonSerializer.Deserialize<List<LimitRow>>(v, JsonSerializerOptions.Default) ?? new List<LimitRow>())
                    .Select(r => new Money(r.Amount, Currency.From(r.Currency))).ToList(),
                new ValueComparer<IReadOnlyList<Money>>(
                    (a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, m) => HashCode.Combine(h, m)), v => v.ToList()))
            .HasColumnName("negative_balance_limits");
        builder.Property(s => s.Currencies)
            .HasConversion(
                v => string.Join(',', v),
                v => (IReadOnlyList<string>)v.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList(),
                new ValueComparer<IReadOnlyList<string>>(
                    (a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s)), v => v.ToList()))
            .HasMaxLength(1000);
        builder.Property(s => s.TaxRates)
            .HasConversion(
                v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
                v => (IReadOnlyList<TaxRate>)(JsonSerializer.Deserialize<List<TaxRate>>(v, JsonSerializerOptions.Default) ?? new List<TaxRate>()),
                new ValueComparer<IReadOnlyList<TaxRate>>(
                    (a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, r) => HashCode.Combine(h, r)), v => v.ToList()))
            .HasColumnName("tax_rates");
        builder.Ignore(s => s.DomainEvents);
    }

    private sealed record LimitRow(long Amount, string Currency);
}

internal sealed class PrepaymentPackageConfiguration : IEntityTypeConfiguration<PrepaymentPackage>
{
    public void Configure(EntityTypeBuilder<PrepaymentPackage> builder)
    {
        builder.ToTable("prepayment_packages");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasMaxLength(40);
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.ComplexProperty(p => p.Price).MapMoney("price_amount", "price_currency");
        builder.ComplexProperty(p => p.GrantAmount).MapMoney("grant_amount", "grant_currency", required: false);
        builder.Ignore(p => p.DomainEvents);
    }
}

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.ToTable("payments");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasMaxLength(40);
        builder.Property(p => p.CustomerId).HasMaxLength(40);
        builder.Property(p => p.Gateway).HasMaxLength(32);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(p => p.Purpose).HasConversion<string>().HasMaxLength(32);
        builder.Property(p => p.PurposeId).HasMaxLength(40);
        builder.Property(p => p.ProviderReference).HasMaxLength(255);
        builder.Property(p => p.NextActionType).HasMaxLength(32);
        builder.Property(p => p.NextActionUrl).HasMaxLength(2048);
        builder.Property(p => p.FailureCode).HasMaxLength(64);
        builder.Property(p => p.FailureMessage).HasMaxLength(500);
        builder.Property(p => p.SavedMethodId).HasMaxLength(40);
        builder.Property(p => p.Dispute).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.DisputeId).HasMaxLength(255);
        builder.Property(p => p.DisputeReason).HasMaxLength(100);
        builder.Property(p => p.ClosedDisputeIds).HasMaxLength(4000);
        builder.Ignore(p => p.IsFinal);
        builder.ComplexProperty(p => p.Amount).MapMoney("amount_amount", "amount_currency");
        builder.Ignore(p => p.RefundableAmount);
        builder.Ignore(p => p.RefundableCredits);
        builder.Ignore(p => p.GivenBack);
        builder.HasIndex(p => p.CustomerId);
        builder.HasIndex(p => new { p.Status, p.UpdatedAt });
        // Webhooks find the payment by the provider's id; reconciliation walks what is due.
        builder.HasIndex(p => new { p.Gateway, p.ProviderReference });
        builder.HasIndex(p => p.NextSyncAt);
        builder.Ignore(p => p.DomainEvents);
    }
}

internal sealed class GatewayWebhookEventConfiguration : IEntityTypeConfiguration<GatewayWebhookEvent>
{
    public void Configure(EntityTypeBuilder<GatewayWebhookEvent> builder)
    {
        builder.ToTable("gateway_webhook_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasMaxLength(40);
        builder.Property(e => e.Gateway).HasMaxLength(32);
        builder.Property(e => e.EventId).HasMaxLength(255);
        builder.Property(e => e.Type).HasMaxLength(100);
        builder.Property(e => e.ProviderReference).HasMaxLength(255);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.Result).HasMaxLength(32);
        builder.Property(e => e.TargetId).HasMaxLength(40);
        // The inbox's dedupe: one row per provider event, so a re-delivery changes nothing twice.
        builder.HasIndex(e => new { e.Gateway, e.EventId }).IsUnique();
    }
}

internal sealed class TopUpConfiguration : IEntityTypeConfiguration<TopUp>
{
    public void Configure(EntityTypeBuilder<TopUp> builder)
    {
        builder.ToTable("top_ups");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasMaxLength(40);
        builder.Property(t => t.CustomerId).HasMaxLength(40);
        builder.Property(t => t.WalletId).HasMaxLength(40);
        builder.Property(t => t.PackageId).HasMaxLength(40);
        builder.Property(t => t.PaymentId).HasMaxLength(40);
        builder.Property(t => t.LedgerEntryId).HasMaxLength(40);
        builder.Property(t => t.AutoTopUpId).HasMaxLength(40);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(32);
        builder.ComplexProperty(t => t.Price).MapMoney("price_amount", "price_currency");
        builder.ComplexProperty(t => t.GrantAmount).MapMoney("grant_amount", "grant_currency", required: false);
        builder.HasIndex(t => t.CustomerId);
        builder.HasIndex(t => t.PaymentId);
        builder.Ignore(t => t.DomainEvents);
    }
}
