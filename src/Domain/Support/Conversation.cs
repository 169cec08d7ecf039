using CleanPrepay.Domain.Common;

namespace CleanPrepay.Domain.Support;

/// <summary>
/// A support conversation of one customer (the account's Messages tab): opened by the customer or by staff with a
/// first message, answered by either side while open, closed by either. A closed one takes no more messages, so
/// what staff closed stays as it was; the customer opens a new one. Its messages live in their own rows
/// (<see cref="SupportMessage"/>): a reply writes one row and this one, never the whole thread.
/// </summary>
public sealed class Conversation : AggregateRoot
{
    public const int MaxSubjectLength = 200;
    public const int MaxBodyLength = 10_000;

    /// <summary>A bound on one thread, so that reading it stays one bounded query.</summary>
    public const int MaxMessages = 500;

    private Conversation()
    {
    }

    public string CustomerId { get; private set; } = string.Empty;

    public string Subject { get; private set; } = string.Empty;

    public ConversationStatus Status { get; private set; }

    public MessageSender OpenedBy { get; private set; }

    public int MessageCount { get; private set; }

    public MessageSender LastMessageFrom { get; private set; }

    public DateTimeOffset LastMessageAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public string? ClosedBy { get; private set; }

    /// <summary>Opens a conversation with its first message.</summary>
    public static (Conversation Conversation, SupportMessage First) Open(
        string customerId, string subject, string body, MessageSender from, string author, DateTimeOffset now)
    {
        var conversation = new Conversation
        {
            Id = Ids.New("cnv"),
            CustomerId = customerId,
            Subject = subject.Trim(),
            Status = ConversationStatus.Open,
            OpenedBy = from,
            CreatedAt = now,
        };
        var first = conversation.Reply(body, from, author, now);
        return (conversation, first.Value);
    }

    /// <summary>Adds a message at the next place; refused once the conversation is closed or full.</summary>
    public Result<SupportMessage> Reply(string body, MessageSender from, string author, DateTimeOffset now)
    {
        if (Status == ConversationStatus.Closed)
        {
            return SupportErrors.Closed;
        }

        if (MessageCount >= MaxMessages)
        {
            return SupportErrors.Full;
        }

        MessageCount++;
        LastMessageFrom = from;
        LastMessageAt = now;
        UpdatedAt = now;
        Touch();
        return new SupportMessage(Id, MessageCount, from, author, body.Trim(), now);
    }

    /// <summary>Closes it; closing a closed one changes nothing (a second click, the other side at the same time).</summary>
    public bool Close(string actor, DateTimeOffset now)
    {
        if (Status == ConversationStatus.Closed)
        {
            return false;
        }

        Status = ConversationStatus.Closed;
        ClosedAt = now;
        ClosedBy = actor;
        UpdatedAt = now;
        Touch();
        return true;
    }
}
