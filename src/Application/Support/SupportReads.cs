using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Support;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Support;

internal static class SupportReads
{
    /// <summary>The conversation if the caller may see it: staff see all, a customer only their own (another's answers 404, as if it did not exist).</summary>
    public static bool Visible(Conversation? conversation, ICurrentUser user) =>
        conversation is not null && (user.IsAdmin || conversation.CustomerId == user.CustomerId);

    /// <summary>The conversation, tracked and under its row lock, if the caller may see it; null (a 404) otherwise.</summary>
    public static async Task<Conversation?> LockVisibleAsync(IApplicationDbContext db, IRowLocker locker, ICurrentUser user, string conversationId, CancellationToken ct)
    {
        await locker.LockAsync<Conversation>(nameof(Conversation.Id), conversationId, ct);
        var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == conversationId, ct);
        return Visible(conversation, user) ? conversation : null;
    }

    /// <summary>The conversation with its messages; the tracked ones of this unit of work are included.</summary>
    public static async Task<ConversationDto> WithMessagesAsync(IApplicationDbContext db, Conversation conversation, ICurrentUser user, CancellationToken ct)
    {
        var stored = await db.SupportMessages.AsNoTracking().Where(m => m.ConversationId == conversation.Id).ToListAsync(ct);
        var added = db.SupportMessages.Local.Where(m => m.ConversationId == conversation.Id && stored.All(s => s.Id != m.Id));
        return ConversationDto.From(conversation, stored.Concat(added), user.IsAdmin);
    }

    public static MessageSender SenderOf(ICurrentUser user) => user.IsAdmin ? MessageSender.Staff : MessageSender.Customer;
}
