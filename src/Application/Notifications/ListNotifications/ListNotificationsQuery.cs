using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Common.Contracts;

namespace CleanPrepay.Application.Notifications.ListNotifications;

/// <summary>What was sent to a customer, newest first.</summary>
public sealed record ListNotificationsQuery(string CustomerId, int? Limit, string? Cursor) : IQuery<Page<NotificationDto>>, ICustomerScoped, IPagedQuery;
