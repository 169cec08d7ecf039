namespace CleanPrepay.Application.Abstractions.Notifications;

/// <summary>Sends email (an SMTP server in production and in the tests). Throws when the message was not accepted.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
