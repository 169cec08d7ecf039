using System.Text.Json;
using System.Text.Json.Serialization;
using CleanPrepay.Domain.Accesses.Events;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Coupons.Events;
using CleanPrepay.Domain.Customers.Events;
using CleanPrepay.Domain.Orders.Events;
using CleanPrepay.Domain.Payments.Events;
using CleanPrepay.Domain.Subscriptions.Events;
using CleanPrepay.Domain.TopUps.Events;
using CleanPrepay.Domain.Wallets.Events;

namespace CleanPrepay.Infrastructure.Webhooks;

/// <summary>Which domain event becomes which outgoing event, what resource it is ordered by, and what its data says.</summary>
internal static class WebhookEventMap
{
    /// <summary>Data is camelCase with snake_case enum values and money as {amount, currency}, as the API answers.</summary>
    public static readonly JsonSerializerOptions DataJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public sealed record Mapping(Type DomainEvent, string Type, Func<IDomainEvent, (string Resource, object Data)> Describe);

    public static readonly IReadOnlyList<Mapping> All =
    [
        Map<CustomerCreated>("customer.created", e => ($"customer:{e.CustomerId}", new { Id = e.CustomerId, e.Email, e.Name, e.Language, e.Newsletter, e.OptIn })),
        Map<CustomerUpdated>("customer.updated", e => ($"customer:{e.CustomerId}", new
        {
            Id = e.CustomerId, e.Email, e.Name, e.Language, e.Country, e.Newsletter, e.OptIn, e.Status,
        })),
        // A wallet's moves are ordered by its sequence, which the data carries: one move may be stamped before another
        // yet take the wallet's lock after it, so they are not held back in time order (each is its own resource).
        Map<WalletLedgerEntryAdded>("wallet.transaction.created", e => ($"transaction:{e.EntryId}", new
        {
            Id = e.EntryId, e.WalletId, e.CustomerId, e.Kind, e.Currency, e.Amount, e.BalanceAfter, e.Sequence,
        })),
        Map<TopUpSucceeded>("top_up.succeeded", e => ($"top_up:{e.TopUpId}", new
        {
            Id = e.TopUpId, e.CustomerId, e.PaymentId, e.PackageId, Amount = MoneyOf(e.Amount, e.Currency), e.Credits, e.Automatic,
            TransactionId = e.LedgerEntryId,
        })),
        Map<OrderPaid>("order.paid", e => ($"order:{e.OrderId}", new { Id = e.OrderId, e.CustomerId, Total = MoneyOf(e.Total, e.Currency) })),
        Map<OrderRefunded>("order.refunded", e => ($"order:{e.OrderId}", new
        {
            Id = e.OrderId, e.CustomerId, Amount = MoneyOf(e.Amount, e.Currency), e.Credits, e.Full,
        })),
        Map<AccessGranted>("access.granted", e => ($"access:{e.AccessId}", new
        {
            Id = e.AccessId, e.CustomerId, e.Kind, e.VideoId, e.PlanId, e.OrderId, e.SubscriptionId, e.StartsAt, e.ExpiresAt,
        })),
        Map<AccessRevoked>("access.revoked", e => ($"access:{e.AccessId}", new { Id = e.AccessId, e.CustomerId, e.Kind, e.VideoId, e.PlanId, e.OrderId })),
        Map<SubscriptionStarted>("subscription.created", e => ($"subscription:{e.SubscriptionId}", new { Id = e.SubscriptionId, e.CustomerId, e.PlanId, e.Status })),
        Map<SubscriptionRenewed>("subscription.renewed", e => ($"subscription:{e.SubscriptionId}", new
        {
            Id = e.SubscriptionId, e.CustomerId, e.PlanId, e.PaidThrough,
        })),
        Map<SubscriptionPastDue>("subscription.past_due", e => ($"subscription:{e.SubscriptionId}", new
        {
            Id = e.SubscriptionId, e.CustomerId, e.FailedAttempts, e.NextChargeAt,
        })),
        Map<SubscriptionCanceled>("subscription.canceled", e => ($"subscription:{e.SubscriptionId}", new { Id = e.SubscriptionId, e.CustomerId, e.Reason })),

        // A prepayment is ordered with its subscription: "prepayment.paid" never overtakes "subscription.created".
        Map<PrepaymentPending>("prepayment.pending", e => ($"subscription:{e.SubscriptionId}", new
        {
            Id = e.PrepaymentId, e.SubscriptionId, e.CustomerId, e.Kind, Amount = MoneyOf(e.Amount, e.Currency), e.PeriodStart, e.PeriodEnd, e.ExpiresAt,
        })),
        Map<PrepaymentPaid>("prepayment.paid", e => ($"subscription:{e.SubscriptionId}", new
        {
            Id = e.PrepaymentId, e.SubscriptionId, e.CustomerId, e.Kind, Amount = MoneyOf(e.Amount, e.Currency), e.PeriodStart, e.PeriodEnd,
        })),
        Map<PrepaymentExpired>("prepayment.expired", e => ($"subscription:{e.SubscriptionId}", new { Id = e.PrepaymentId, e.SubscriptionId, e.CustomerId })),
        Map<CouponRedeemed>("coupon.redeemed", e => ($"redemption:{e.RedemptionId}", new
        {
            Id = e.RedemptionId, e.CampaignId, e.Code, e.CustomerId, e.OrderId, e.SubscriptionId, Discount = MoneyOf(e.Discount, e.Currency),
        })),
        Map<PaymentSucceeded>("payment.succeeded", e => ($"payment:{e.PaymentId}", new { Id = e.PaymentId, e.CustomerId, e.Purpose, e.PurposeId })),
        Map<PaymentFailed>("payment.failed", e => ($"payment:{e.PaymentId}", new { Id = e.PaymentId, e.CustomerId, e.Purpose, e.PurposeId, e.FailureCode })),
        Map<PaymentDisputeChanged>("payment.disputed", e => ($"payment:{e.PaymentId}", new
        {
            Id = e.PaymentId, e.CustomerId, e.Purpose, e.PurposeId, e.DisputeId, e.Status, e.Amount,
        })),
    ];

    /// <summary>The domain event names that have an outgoing event: the unit of work writes them to the outbox.</summary>
    public static readonly IReadOnlySet<string> Types = All.Select(m => m.DomainEvent.Name).ToHashSet(StringComparer.Ordinal);

    public static readonly IReadOnlyDictionary<string, Mapping> ByDomainEvent = All.ToDictionary(m => m.DomainEvent.Name, StringComparer.Ordinal);

    private static object? MoneyOf(long? amount, string? currency) => amount is { } a && currency is not null ? new { Amount = a, Currency = currency } : null;

    private static Mapping Map<TEvent>(string type, Func<TEvent, (string, object)> describe)
        where TEvent : IDomainEvent => new(typeof(TEvent), type, e => describe((TEvent)e));
}
