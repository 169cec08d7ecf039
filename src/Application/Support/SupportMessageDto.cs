using CleanPrepay.Domain.Support;

namespace CleanPrepay.Application.Support;

/// <summary>One message; <see cref="Author"/> (who on staff or which customer wrote it) is shown to staff only.</summary>
public sealed record SupportMessageDto(string Id, int Sequence, MessageSender From, string? Author, string Body, DateTimeOffset CreatedAt)
{
    public static SupportMessageDto Of(SupportMessage m, bool forStaff) => new(m.Id, m.Sequence, m.From, forStaff ? m.Author : null, m.Body, m.CreatedAt);
}
