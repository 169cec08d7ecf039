namespace CleanPrepay.Application.Abstractions.Notifications;

/// <summary>A plain-text email to one recipient.</summary>
public sealed record EmailMessage(string To, string Subject, string Body);

/// <summary>Sends email (an SMTP server in production and in the tests). Throws when the message was not accepted.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
