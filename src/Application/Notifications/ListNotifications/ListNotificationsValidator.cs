using CleanPrepay.Application.Common.Contracts;

namespace CleanPrepay.Application.Notifications.ListNotifications;

internal sealed class ListNotificationsValidator : PagedQueryValidator<ListNotificationsQuery>;
