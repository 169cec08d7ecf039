using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Support;

namespace CleanPrepay.Application.Support.ReplyToConversation;

/// <summary>Under the conversation's row lock: racing replies take consecutive places, and a reply racing a close either lands first or is refused.</summary>
internal sealed class ReplyToConversationHandler(IApplicationDbContext db, IRowLocker locker, ICurrentUser user, TimeProvider time)
    : ICommandHandler<ReplyToConversationCommand, ConversationDto>
{
    public async Task<Result<ConversationDto>> Handle(ReplyToConversationCommand request, CancellationToken ct)
    {
        if (await SupportReads.LockVisibleAsync(db, locker, user, request.ConversationId, ct) is not { } conversation)
        {
            return SupportErrors.NotFound;
        }

        var reply = conversation.Reply(request.Body!, SupportReads.SenderOf(user), user.Actor, time.GetUtcNow());
        if (!reply.IsSuccess)
        {
            return reply.Error;
        }

        db.SupportMessages.Add(reply.Value);
        return await SupportReads.WithMessagesAsync(db, conversation, user, ct);
    }
}
