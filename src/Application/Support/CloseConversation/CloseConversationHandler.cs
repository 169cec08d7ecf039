using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Support;

namespace CleanPrepay.Application.Support.CloseConversation;

internal sealed class CloseConversationHandler(IApplicationDbContext db, IRowLocker locker, ICurrentUser user, TimeProvider time)
    : ICommandHandler<CloseConversationCommand, ConversationDto>
{
    public async Task<Result<ConversationDto>> Handle(CloseConversationCommand request, CancellationToken ct)
    {
        if (await SupportReads.LockVisibleAsync(db, locker, user, request.ConversationId, ct) is not { } conversation)
        {
            return SupportErrors.NotFound;
        }

        conversation.Close(user.Actor, time.GetUtcNow());
        return await SupportReads.WithMessagesAsync(db, conversation, user, ct);
    }
}
