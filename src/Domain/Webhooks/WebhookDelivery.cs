using CleanPrepay.Domain.Common;

namespace CleanPrepay.Domain.Webhooks;

/// <summary>
/// One event for one endpoint, sent until a 2xx or the schedule runs out. Its id is the <c>webhook-id</c> every
/// attempt repeats, so a receiver can drop a duplicate. Deliveries of one resource to one endpoint go out in the
/// order of their events: a later one waits while an earlier one is pending.
/// </summary>
public sealed class WebhookDelivery
{
    /// <summary>The waits after attempts 1..7 (docs/reference/contract.md: about 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h); then it fails.</summary>
    public static readonly IReadOnlyList<TimeSpan> Backoff =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10),
    ];

    /// <summary>Why a delivery ended unsent: its endpoint was disabled (by staff, or by five days of failures).</summary>
    public const string EndpointDisabled = "endpoint_disabled";

    private WebhookDelivery()
    {
    }

    public string Id { get; private set; } = string.Empty;

    public string EndpointId { get; private set; } = string.Empty;

    public string EventId { get; private set; } = string.Empty;

    public string EventType { get; private set; } = string.Empty;

    /// <summary>What ordering is kept per: "order:ord_…", "subscription:sub_…".</summary>
    public string ResourceKey { get; private set; } = string.Empty;

    /// <summary>The exact body every attempt sends and signs.</summary>
    public string Payload { get; private set; } = string.Empty;

    public WebhookDeliveryStatus Status { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    public DateTimeOffset? LastAttemptAt { get; private set; }

    public int? ResponseStatus { get; private set; }

    public string? LastError { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Order of the events (the outbox's occurrence order): ordering per resource follows it.</summary>
    public long Sequence { get; private set; }

    public DateTimeOffset? ClaimedUntil { get; set; }

    /// <summary>Staff resent a delivery that had ended: one attempt, not the schedule again (nor hours of holding back later events).</summary>
    public bool ManualRetry { get; private set; }

    public static WebhookDelivery For(string endpointId, string eventId, string eventType, string resourceKey, string payload, long sequence, DateTimeOffset now) => new()
    {
        Id = Ids.New("msg"),
        EndpointId = endpointId,
        EventId = eventId,
        EventType = eventType,
        ResourceKey = resourceKey,
        Payload = payload,
        Status = WebhookDeliveryStatus.Pending,
        NextAttemptAt = now,
        CreatedAt = now,
        Sequence = sequence,
    };

    public void Succeeded(int responseStatus, DateTimeOffset now)
    {
        Attempts++;
        ManualRetry = false;
        Status = WebhookDeliveryStatus.Succeeded;
        ResponseStatus = responseStatus;
        LastError = null;
        LastAttemptAt = now;
    }

    /// <summary>A non-2xx, a timeout or a refused address: waits its turn on the schedule, or fails for good after it.</summary>
    public void AttemptFailed(int? responseStatus, string error, DateTimeOffset now)
    {
        Attempts++;
        ResponseStatus = responseStatus;
        LastError = error.Length > 500 ? error[..500] : error;
        LastAttemptAt = now;
        if (ManualRetry || Attempts > Backoff.Count)
        {
            Status = WebhookDeliveryStatus.Failed;
            ManualRetry = false;
        }
        else
        {
            NextAttemptAt = now + Backoff[Attempts - 1];
        }
    }

    /// <summary>
    /// Staff asked to send it again now: a pending one moves its next attempt to now; an ended one gets one more
    /// attempt, with a new timestamp and signature. Refused while an attempt is in flight, so it is never sent twice at once.
    /// </summary>
    public Result RetryNow(DateTimeOffset now)
    {
        if (ClaimedUntil > now)
        {
            return new Error("delivery_in_flight", "The delivery is being sent right now; look at its log in a moment.", ErrorKind.Conflict);
        }

        ManualRetry = Status != WebhookDeliveryStatus.Pending;
        Status = WebhookDeliveryStatus.Pending;
        NextAttemptAt = now;
        return Result.Success();
    }

    /// <summary>The endpoint was disabled or deleted: nothing more is sent.</summary>
    public void Abandon(string why)
    {
        if (Status == WebhookDeliveryStatus.Pending)
        {
            Status = WebhookDeliveryStatus.Failed;
            LastError = why;
        }
    }
}
