namespace CleanPrepay.Application.Subscriptions;

/// <summary>Subscription billing settings from configuration (section <c>Subscriptions</c>).</summary>
public sealed class SubscriptionOptions
{
    public const string Section = "Subscriptions";

    /// <summary>How long an unpaid initial prepayment waits before it expires and its subscription is canceled.</summary>
    public TimeSpan PrepaymentExpiry { get; set; } = TimeSpan.FromDays(3);

    /// <summary>After a failed renewal: the delays before each retry; when they are used up, the subscription is canceled.</summary>
    public TimeSpan[] RetrySchedule { get; set; } = [TimeSpan.FromDays(1), TimeSpan.FromDays(3), TimeSpan.FromDays(5)];

    /// <summary>How long a charge in flight (a gateway call, a 3-D Secure step) holds its subscription before the worker tries again.</summary>
    public TimeSpan ChargeLease { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Subscriptions the worker claims and bills per transaction.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>Whether this instance runs the renewal worker (any number of instances may).</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>Billing loops per instance, each claiming its own batches (SKIP LOCKED shares the work as between instances).</summary>
    public int WorkerConcurrency { get; set; } = 2;

    /// <summary>
    /// Gateway charges of one batch in flight at once, each in a scope of its own: a provider answering in
    /// 100 ms would otherwise hold a loop for 100 ms per renewal. Outside any transaction, so it holds no connection.
    /// </summary>
    public int ChargeConcurrency { get; set; } = 8;

    /// <summary>How long the worker sleeps when nothing is due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Gateways that pay at once, which a consumer the risk check rejected may prepay with (riverty-prepayment: card, Swish, Tink).</summary>
    public string[] InstantGateways { get; set; } = ["sandbox", "stripe", "securionpay", "swish", "tink"];
}
