using CleanPrepay.Domain.Support;

namespace CleanPrepay.Application.Support;

/// <summary>A conversation as a list shows it, without its messages.</summary>
public sealed record ConversationSummaryDto(
    string Id,
    string CustomerId,
    string Subject,
    ConversationStatus Status,
    MessageSender OpenedBy,
    int MessageCount,
    MessageSender LastMessageFrom,
    DateTimeOffset LastMessageAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ClosedAt)
{
    public static ConversationSummaryDto From(Conversation c) =>
        new(c.Id, c.CustomerId, c.Subject, c.Status, c.OpenedBy, c.MessageCount, c.LastMessageFrom, c.LastMessageAt, c.CreatedAt, c.ClosedAt);
}
