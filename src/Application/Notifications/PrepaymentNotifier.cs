using CleanPrepay.Application.Abstractions.Notifications;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Notifications;
using CleanPrepay.Domain.Subscriptions;
using CleanPrepay.Domain.Subscriptions.Events;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Notifications;

/// <summary>
/// riverty-prepayment's consumer communication, run by the outbox after a prepayment is paid: a
/// payment confirmation (start date, amount, period; for a partial start, the partial period and
/// the standard period it is topped up with) and, after the first prepayment, a welcome email, in
/// the customer's language (English or French; other languages get English). Each sent message is
/// kept as a <see cref="Notification"/> in the outbox's transaction. Delivery is at least once.
/// </summary>
public sealed class PrepaymentNotifier(IApplicationDbContext db, IEmailSender email, TimeProvider time)
{
    public async Task NotifyAsync(PrepaymentPaid paid, CancellationToken ct)
    {
        var prepayment = await db.Prepayments.AsNoTracking().FirstAsync(p => p.Id == paid.PrepaymentId, ct);
        var subscription = await db.Subscriptions.AsNoTracking().FirstAsync(s => s.Id == paid.SubscriptionId, ct);
        var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == paid.CustomerId, ct);
        var planName = await db.Plans.AsNoTracking().Where(p => p.Id == subscription.PlanId).Select(p => p.Name).FirstAsync(ct);
        var texts = EmailTexts.For(customer.Language);
        var already = await db.Notifications.AsNoTracking().Where(n => n.RelatedId == prepayment.Id).Select(n => n.Kind).ToListAsync(ct);

        var messages = new List<(NotificationKind Kind, string Subject, string Body)>
        {
            (NotificationKind.PaymentConfirmation, texts.ConfirmationSubject(planName), texts.Confirmation(customer.Name, planName, subscription.StartDate, prepayment, subscription.Price)),
        };
        if (prepayment.Kind == PrepaymentKind.Initial)
        {
            messages.Add((NotificationKind.Welcome, texts.WelcomeSubject(planName), texts.Welcome(customer.Name, planName, prepayment.PeriodEnd)));
        }

        foreach (var (kind, subject, body) in messages.Where(m => !already.Contains(m.Kind)))
        {
            await email.SendAsync(new EmailMessage(customer.Email, subject, body), ct);
            db.Notifications.Add(Notification.Sent(customer.Id, kind, customer.Email, texts.Language, subject, body, prepayment.Id, time.GetUtcNow()));
        }
    }
}
