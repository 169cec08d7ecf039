namespace CleanPrepay.Domain.Webhooks;

/// <summary>The event types an endpoint may subscribe to (docs/reference/contract.md, "Outgoing webhooks"); "*" is every one.</summary>
public static class WebhookEventTypes
{
    public const string All = "*";

    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "customer.created", "customer.updated", "wallet.transaction.created", "top_up.succeeded", "order.paid",
        "order.refunded", "access.granted", "access.revoked", "subscription.created", "subscription.renewed",
        "subscription.past_due", "subscription.canceled", "prepayment.pending", "prepayment.paid", "prepayment.expired",
        "coupon.redeemed", "payment.succeeded", "payment.failed", "payment.disputed",
    };
}
