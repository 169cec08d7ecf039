using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Customers;
using CleanPrepay.Domain.Support;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Support.OpenConversation;

internal sealed class OpenConversationHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider time) : ICommandHandler<OpenConversationCommand, ConversationDto>
{
    public async Task<Result<ConversationDto>> Handle(OpenConversationCommand request, CancellationToken ct)
    {
        if (!await db.Customers.AsNoTracking().AnyAsync(c => c.Id == request.CustomerId, ct))
        {
            return CustomerErrors.NotFound;
        }

        var (conversation, first) = Conversation.Open(request.CustomerId, request.Subject!, request.Body!, SupportReads.SenderOf(user), user.Actor, time.GetUtcNow());
        db.Conversations.Add(conversation);
        db.SupportMessages.Add(first);
        return ConversationDto.From(conversation, [first], user.IsAdmin);
    }
}
