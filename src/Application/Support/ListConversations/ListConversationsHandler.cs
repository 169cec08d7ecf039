using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Support.ListConversations;

internal sealed class ListConversationsHandler(IApplicationDbContext db) : IQueryHandler<ListConversationsQuery, Page<ConversationSummaryDto>>
{
    public async Task<Result<Page<ConversationSummaryDto>>> Handle(ListConversationsQuery request, CancellationToken ct)
    {
        if (!await db.Customers.AsNoTracking().AnyAsync(c => c.Id == request.CustomerId, ct))
        {
            return CustomerErrors.NotFound;
        }

        return await db.Conversations.AsNoTracking()
            .Where(c => c.CustomerId == request.CustomerId && (request.Status == null || c.Status == request.Status))
            .PageByIdAsync(request.Limit, request.Cursor, ConversationSummaryDto.From, ct);
    }
}
