using CleanPrepay.Domain.Notifications;

namespace CleanPrepay.Application.Notifications;

public sealed record NotificationDto(
    string Id, NotificationKind Kind, string Channel, string To, string Language, string Subject, string Body, string RelatedId, DateTimeOffset SentAt)
{
    public static NotificationDto From(Notification n) => new(n.Id, n.Kind, n.Channel, n.To, n.Language, n.Subject, n.Body, n.RelatedId, n.SentAt);
}
