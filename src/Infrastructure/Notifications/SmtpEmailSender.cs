using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using CleanPrepay.Application.Abstractions.Notifications;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanPrepay.Infrastructure.Notifications;

/// <summary>SMTP settings (section <c>Smtp</c>). Without a host, messages are written as .eml files to <see cref="PickupDirectory"/> (development; relative to the content root).</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    public bool EnableSsl { get; set; }

    public string? Username { get; set; }

    /// <summary>From configuration or a secret store only; never logged.</summary>
    public string? Password { get; set; }

    public string From { get; set; } = "CleanPrepay <no-reply@cleanprepay.local>";

    public string PickupDirectory { get; set; } = "data/mail";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Sends through an SMTP server with System.Net.Mail (MailKit is not on the package feed; ADR 0019).
/// UTF-8 text bodies in 8-bit transfer encoding, so the French accents arrive as written.
/// </summary>
internal sealed class SmtpEmailSender(IOptions<SmtpOptions> options, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var o = options.Value;
        using var mail = new MailMessage(new MailAddress(o.From), new MailAddress(message.To))
        {
            Subject = message.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
        };
        var view = AlternateView.CreateAlternateViewFromString(message.Body, Encoding.UTF8, MediaTypeNames.Text.Plain);
        view.TransferEncoding = TransferEncoding.EightBit;
        mail.AlternateViews.Add(view);
        using var client = new SmtpClient();
        if (string.IsNullOrEmpty(o.Host))
        {
            Directory.CreateDirectory(o.PickupDirectory);
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            client.PickupDirectoryLocation = Path.GetFullPath(o.PickupDirectory);
        }
        else
        {
            client.Host = o.Host;
            client.Port = o.Port;
            client.EnableSsl = o.EnableSsl;
            client.Timeout = (int)o.Timeout.TotalMilliseconds;
            if (!string.IsNullOrEmpty(o.Username))
            {
                client.Credentials = new NetworkCredential(o.Username, o.Password);
            }
        }

        await client.SendMailAsync(mail, cancellationToken);
        logger.LogInformation("Email \"{Subject}\" sent via {Transport}", message.Subject, string.IsNullOrEmpty(o.Host) ? "pickup directory" : "SMTP");
    }
}
