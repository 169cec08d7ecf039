using CleanPrepay.Domain.Common;

namespace CleanPrepay.Domain.Support;

/// <summary>
/// One message of a <see cref="Conversation"/>, written once and never changed. Its <see cref="Sequence"/> is its place
/// in the conversation, unique per conversation, so two racing replies can never take the same place.
/// </summary>
public sealed class SupportMessage
{
    private SupportMessage()
    {
    }

    internal SupportMessage(string conversationId, int sequence, MessageSender from, string author, string body, DateTimeOffset now)
    {
        Id = Ids.New("msg");
        ConversationId = conversationId;
        Sequence = sequence;
        From = from;
        Author = author;
        Body = body;
        CreatedAt = now;
    }

    public string Id { get; private set; } = string.Empty;

    public string ConversationId { get; private set; } = string.Empty;

    public int Sequence { get; private set; }

    public MessageSender From { get; private set; }

    /// <summary>Who wrote it, as ledgers record actors (<c>admin:ops@x</c>, <c>customer:cus_…</c>); shown to staff only.</summary>
    public string Author { get; private set; } = string.Empty;

    public string Body { get; private set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; private set; }
}
