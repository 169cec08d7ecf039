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
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Abstractions.Persistence;

/// <summary>
/// The persistence port. Queries read these sets untracked; commands load aggregates through them
/// inside the unit of work. Provider-specific work (row locks) goes through <see cref="IRowLocker"/>.
/// </summary>
public interface IApplicationDbContext
{
    DbSet<MerchantSettings> Settings { get; }

    DbSet<Customer> Customers { get; }

    DbSet<Wallet> Wallets { get; }

    DbSet<WalletPocket> WalletPockets { get; }

    DbSet<LedgerEntry> LedgerEntries { get; }

    DbSet<PrepaymentPackage> PrepaymentPackages { get; }

    DbSet<Payment> Payments { get; }

    DbSet<SavedPaymentMethod> SavedPaymentMethods { get; }

    DbSet<GatewayCustomer> GatewayCustomers { get; }

    DbSet<TopUp> TopUps { get; }

    DbSet<AutoTopUp> AutoTopUps { get; }

    DbSet<Plan> Plans { get; }

    DbSet<Video> Videos { get; }

    DbSet<Order> Orders { get; }

    DbSet<Access> Accesses { get; }

    DbSet<BonusRule> BonusRules { get; }

    DbSet<ViewRecord> Views { get; }

    DbSet<Refund> Refunds { get; }

    DbSet<CouponCampaign> CouponCampaigns { get; }

    DbSet<CouponCode> CouponCodes { get; }

    DbSet<CouponRedemption> CouponRedemptions { get; }

    DbSet<Subscription> Subscriptions { get; }

    DbSet<TrialGrant> TrialGrants { get; }

    DbSet<Prepayment> Prepayments { get; }

    DbSet<Notification> Notifications { get; }

    DbSet<GatewayWebhookEvent> GatewayWebhookEvents { get; }

    DbSet<Conversation> Conversations { get; }

    DbSet<SupportMessage> SupportMessages { get; }

    DbSet<WebhookEndpoint> WebhookEndpoints { get; }

    DbSet<WebhookDelivery> WebhookDeliveries { get; }
}
