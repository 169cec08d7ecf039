using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Support;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Support.GetConversation;

internal sealed class GetConversationHandler(IApplicationDbContext db, ICurrentUser user) : IQueryHandler<GetConversationQuery, ConversationDto>
{
    public async Task<Result<ConversationDto>> Handle(GetConversationQuery request, CancellationToken ct)
    {
        var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == request.ConversationId, ct);
        return SupportReads.Visible(conversation, user) ? await SupportReads.WithMessagesAsync(db, conversation!, user, ct) : SupportErrors.NotFound;
    }
}
