using CleanPrepay.Application.Abstractions.Notifications;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Notifications;
using CleanPrepay.Domain.PaymentMethods.Events;
using CleanPrepay.Domain.Subscriptions.Events;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Notifications;

/// <summary>
/// The account emails, run by the outbox after their change committed, in the customer's language
/// (English or French). Each is kept as a <see cref="Notification"/>; one already sent about the same
/// thing is not sent again, so the outbox's at-least-once delivery sends each once in practice.
/// </summary>
public sealed class AccountNotifier(IApplicationDbContext db, IEmailSender email, TimeProvider time)
{
    public Task PaymentActionRequiredAsync(RenewalActionRequired e, CancellationToken ct) =>
        SendAsync(e.CustomerId, NotificationKind.PaymentActionRequired, e.PaymentId, t => (t.ActionSubject, AccountEmailTexts.F(t.ActionBody, e.ActionUrl ?? "-")), ct);

    public async Task DirectDebitAsync(DirectDebitMandateSettled e, CancellationToken ct)
    {
        var last4 = await db.SavedPaymentMethods.AsNoTracking().Where(m => m.Id == e.SavedMethodId).Select(m => m.Display.Last4).FirstOrDefaultAsync(ct) ?? "-";
        await SendAsync(
            e.CustomerId,
            e.Confirmed ? NotificationKind.DirectDebitConfirmed : NotificationKind.DirectDebitFailed,
            e.SavedMethodId,
            t => e.Confirmed
                ? (t.MandateConfirmedSubject, AccountEmailTexts.F(t.MandateConfirmedBody, last4))
                : (t.MandateFailedSubject, AccountEmailTexts.F(t.MandateFailedBody, last4, e.Reason ?? "-")),
            ct);
    }

    public Task AutoTopUpDisabledAsync(string customerId, string relatedId, CancellationToken ct) =>
        SendAsync(customerId, NotificationKind.AutoTopUpDisabled, relatedId, t => (t.AutoTopUpOffSubject, t.AutoTopUpOffBody), ct);

    private async Task SendAsync(
        string customerId, NotificationKind kind, string relatedId, Func<AccountEmailTexts, (string Subject, string Body)> compose, CancellationToken ct)
    {
        if (await db.Notifications.AsNoTracking().AnyAsync(n => n.RelatedId == relatedId && n.Kind == kind, ct))
        {
            return;
        }

        var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == customerId, ct);
        var texts = AccountEmailTexts.For(customer.Language);
        var (subject, body) = compose(texts);
        var letter = texts.Letter(customer.Name, body);
        await email.SendAsync(new EmailMessage(customer.Email, subject, letter), ct);
        db.Notifications.Add(Notification.Sent(customer.Id, kind, customer.Email, texts.Language, subject, letter, relatedId, time.GetUtcNow()));
    }
}
