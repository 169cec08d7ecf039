namespace CleanPrepay.Infrastructure.Persistence.Outbox;

/// <summary>A handler was told to slow down (HTTP 429): try again after <see cref="After"/>, without using an attempt.</summary>
internal sealed class OutboxRetryLaterException(TimeSpan after, string reason) : Exception(reason)
{
    public TimeSpan After { get; } = after;
}
