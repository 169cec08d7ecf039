using CleanPrepay.Domain.Support;

namespace CleanPrepay.Application.Support;

/// <summary>A conversation with its messages in order.</summary>
public sealed record ConversationDto(
    string Id,
    string CustomerId,
    string Subject,
    ConversationStatus Status,
    MessageSender OpenedBy,
    int MessageCount,
    DateTimeOffset LastMessageAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<SupportMessageDto> Messages)
{
    public static ConversationDto From(Conversation c, IEnumerable<SupportMessage> messages, bool forStaff) => new(
        c.Id, c.CustomerId, c.Subject, c.Status, c.OpenedBy, c.MessageCount, c.LastMessageAt, c.CreatedAt, c.ClosedAt,
        messages.OrderBy(m => m.Sequence).Select(m => SupportMessageDto.Of(m, forStaff)).ToList());
}
