using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Notifications.ListNotifications;

internal sealed class ListNotificationsHandler(IApplicationDbContext db) : IQueryHandler<ListNotificationsQuery, Page<NotificationDto>>
{
    public async Task<Result<Page<NotificationDto>>> Handle(ListNotificationsQuery r, CancellationToken ct)
    {
        if (!await db.Customers.AsNoTracking().AnyAsync(c => c.Id == r.CustomerId, ct))
        {
            return CustomerErrors.NotFound;
        }

        return await db.Notifications.AsNoTracking().Where(n => n.CustomerId == r.CustomerId).PageByIdAsync(r.Limit, r.Cursor, NotificationDto.From, ct);
    }
}
