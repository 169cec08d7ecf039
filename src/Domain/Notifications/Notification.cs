using CleanPrepay.Domain.Common;

namespace CleanPrepay.Domain.Notifications;

public enum NotificationKind
{
    PaymentConfirmation,
    Welcome,

    /// <summary>An off-session renewal needs the payer (3-D Secure): the link to complete it.</summary>
    PaymentActionRequired,

    /// <summary>A SEPA direct-debit mandate is valid (riverty-prepayment's "Direct Debit Status").</summary>
    DirectDebitConfirmed,

    /// <summary>A SEPA direct-debit mandate was refused, with the reason and how to correct it.</summary>
    DirectDebitFailed,

    /// <summary>Auto top-up failed three times in a row and was turned off.</summary>
    AutoTopUpDisabled,
}

/// <summary>A message sent to a customer (riverty-prepayment's consumer communication), kept as sent.</summary>
public sealed class Notification : AggregateRoot
{
    private Notification()
    {
    }

    public string CustomerId { get; private set; } = string.Empty;

    public NotificationKind Kind { get; private set; }

    public string Channel { get; private set; } = "email";

    public string To { get; private set; } = string.Empty;

    public string Language { get; private set; } = "en";

    public string Subject { get; private set; } = string.Empty;

    public string Body { get; private set; } = string.Empty;

    /// <summary>What it is about (a prepayment id).</summary>
    public string RelatedId { get; private set; } = string.Empty;

    public DateTimeOffset SentAt { get; private set; }

    public static Notification Sent(
        string customerId, NotificationKind kind, string to, string language, string subject, string body, string relatedId, DateTimeOffset now) => new()
        {
            Id = Ids.New("ntf"),
            CustomerId = customerId,
            Kind = kind,
            To = to,
            Language = language,
            Subject = subject,
            Body = body,
            RelatedId = relatedId,
            SentAt = now,
        };
}
