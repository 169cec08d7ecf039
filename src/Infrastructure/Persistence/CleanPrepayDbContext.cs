using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Accesses;
using CleanPrepay.Domain.Bonuses;
using CleanPrepay.Domain.Catalog;
using CleanPrepay.Domain.Coupons;
using CleanPrepay.Domain.Customers;
using CleanPrepay.Domain.Notifications;
using CleanPrepay.Domain.Orders;
using CleanPrepay.Domain.Packages;
using CleanPrepay.Domain.PaymentMethods;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Domain.Settings;
using CleanPrepay.Domain.Subscriptions;
using CleanPrepay.Domain.Support;
using CleanPrepay.Domain.Webhooks;
using CleanPrepay.Domain.TopUps;
using CleanPrepay.Domain.Views;
using CleanPrepay.Domain.Wallets;
using CleanPrepay.Infrastructure.Persistence.Idempotency;
using CleanPrepay.Infrastructure.Persistence.Outbox;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Infrastructure.Persistence;

public sealed class CleanPrepayDbContext(DbContextOptions<CleanPrepayDbContext> options) : DbContext(options), IApplicationDbContext
{
    public DbSet<MerchantSettings> Settings => Set<MerchantSettings>();

    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<Wallet> Wallets => Set<Wallet>();

    public DbSet<WalletPocket> WalletPockets => Set<WalletPocket>();

    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();

    public DbSet<PrepaymentPackage> PrepaymentPackages => Set<PrepaymentPackage>();

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<SavedPaymentMethod> SavedPaymentMethods => Set<SavedPaymentMethod>();

    public DbSet<AutoTopUp> AutoTopUps => Set<AutoTopUp>();

    public DbSet<GatewayCustomer> GatewayCustomers => Set<GatewayCustomer>();

    public DbSet<TopUp> TopUps => Set<TopUp>();

    public DbSet<Plan> Plans => Set<Plan>();

    public DbSet<Video> Videos => Set<Video>();

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<Access> Accesses => Set<Access>();

    public DbSet<BonusRule> BonusRules => Set<BonusRule>();

    public DbSet<ViewRecord> Views => Set<ViewRecord>();

    public DbSet<Refund> Refunds => Set<Refund>();

    public DbSet<CouponCampaign> CouponCampaigns => Set<CouponCampaign>();

    public DbSet<CouponCode> CouponCodes => Set<CouponCode>();

    public DbSet<CouponRedemption> CouponRedemptions => Set<CouponRedemption>();

    public DbSet<Subscription> Subscriptions => Set<Subscription>();

    public DbSet<TrialGrant> TrialGrants => Set<TrialGrant>();

    public DbSet<Prepayment> Prepayments => Set<Prepayment>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<GatewayWebhookEvent> GatewayWebhookEvents => Set<GatewayWebhookEvent>();

    public DbSet<Conversation> Conversations => Set<Conversation>();

    public DbSet<SupportMessage> SupportMessages => Set<SupportMessage>();

    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    internal DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    internal DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    /// <summary>Read once per context: <c>ProviderName</c> reads the provider's assembly name by reflection on every call.</summary>
    public bool IsPostgres => _isPostgres ??= Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    private bool? _isPostgres;

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        AddNewLedgerEntries();
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        AddNewLedgerEntries();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (!IsPostgres)
        {
            // SQLite has no instant type and cannot order DateTimeOffset: store UTC ticks.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CleanPrepayDbContext).Assembly);
        modelBuilder.UseSnakeCaseNames();
        if (IsPostgres)
        {
            // Prefix search is a range over these keys: byte order, whatever the cluster's locale (ADR 0044).
            modelBuilder.Entity<Customer>().Property(c => c.NormalizedEmail).UseCollation("C");
            modelBuilder.Entity<Customer>().Property(c => c.NormalizedName).UseCollation("C");
            // The ids ride in the search indexes, so a search's candidates are read from the index alone.
            modelBuilder.Entity<Customer>().HasIndex(c => c.NormalizedEmail).IncludeProperties(c => c.Id);
            modelBuilder.Entity<Customer>().HasIndex(c => c.NormalizedName).IncludeProperties(c => c.Id);
        }
    }

    /// <summary>The ledger is append-only and never loaded with the wallet: entries a wallet appended are inserted here.</summary>
    private void AddNewLedgerEntries()
    {
        foreach (var wallet in ChangeTracker.Entries<Wallet>().Select(e => e.Entity).ToList())
        {
            foreach (var entry in wallet.NewEntries)
            {
                if (Entry(entry).State == EntityState.Detached)
                {
                    LedgerEntries.Add(entry);
                }
            }
        }
    }
}
