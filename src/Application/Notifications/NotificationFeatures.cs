using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Customers;
using CleanPrepay.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Notifications;

public sealed record NotificationDto(
    string Id, NotificationKind Kind, string Channel, string To, string Language, string Subject, string Body, string RelatedId, DateTimeOffset SentAt)
{
    public static NotificationDto From(Notification n) => new(n.Id, n.Kind, n.Channel, n.To, n.Language, n.Subject, n.Body, n.RelatedId, n.SentAt);
}

/// <summary>What was sent to a customer, newest first.</summary>
public sealed record ListNotificationsQuery(string CustomerId, int? Limit, string? Cursor) : IQuery<Page<NotificationDto>>, ICustomerScoped, IPagedQuery;

internal sealed class ListNotificationsValidator : PagedQueryValidator<ListNotificationsQuery>;

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
