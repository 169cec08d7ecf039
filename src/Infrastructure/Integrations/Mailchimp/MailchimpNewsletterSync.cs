using System.Text.Json;
using CleanPrepay.Domain.Customers;
using CleanPrepay.Domain.Customers.Events;
using CleanPrepay.Infrastructure.Persistence;
using CleanPrepay.Infrastructure.Persistence.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CleanPrepay.Infrastructure.Integrations.Mailchimp;

/// <summary>
/// Pushes a customer's newsletter choice to the Mailchimp list, from the outbox (so only for committed changes, and
/// again after a failure). It sends the customer's state as it is when sent, not as the event saw it: a retried older
/// event never overwrites a newer choice. An email change unsubscribes the old address before the new one is sent.
/// </summary>
internal sealed class MailchimpNewsletterSync(string eventType, IServiceProvider services) : IOutboxHandler
{
    public string EventType => eventType;

    public async Task HandleAsync(string payload, CancellationToken cancellationToken)
    {
        var change = Parse(eventType, payload);
        if (change is null)
        {
            return;
        }

        var db = services.GetRequiredService<CleanPrepayDbContext>();
        var now = await db.Customers.AsNoTracking().Where(c => c.Id == change.CustomerId)
            .Select(c => new { c.Email, c.NormalizedEmail, c.Name, c.Language, c.Newsletter }).FirstOrDefaultAsync(cancellationToken);
        if (now is null)
        {
            return;
        }

        var client = services.GetRequiredService<MailchimpClient>();
        var pushes = new List<(string Email, bool Subscribed)>();
        if (change.OldSubscribedEmail is { } old && Customer.NormalizeEmail(old) != now.NormalizedEmail)
        {
            pushes.Add((old, false));
        }

        pushes.Add((now.Email, now.Newsletter));
        foreach (var (email, subscribed) in pushes)
        {
            if (!await client.PutMemberAsync(email, subscribed, FirstName(now.Name), now.Language, cancellationToken))
            {
                services.GetRequiredService<ILogger<MailchimpNewsletterSync>>()
                    .LogWarning("Mailchimp refused a list member change ({Status}); not retried", subscribed ? "subscribed" : "unsubscribed");
            }
        }
    }

    internal sealed record Change(string CustomerId, string? OldSubscribedEmail);

    /// <summary>Whether the event touches the list at all: a new subscriber, or a change of the choice or of the address.</summary>
    internal static Change? Parse(string eventType, string payload)
    {
        if (eventType == nameof(CustomerCreated))
        {
            var created = JsonSerializer.Deserialize<CustomerCreated>(payload, JsonSerializerOptions.Web)!;
            return created.Newsletter ? new Change(created.CustomerId, null) : null;
        }

        var updated = JsonSerializer.Deserialize<CustomerUpdated>(payload, JsonSerializerOptions.Web)!;
        if (updated.PreviousEmail is not null)
        {
            return new Change(updated.CustomerId, updated.PreviousNewsletter ? updated.PreviousEmail : null);
        }

        return updated.Newsletter != updated.PreviousNewsletter ? new Change(updated.CustomerId, null) : null;
    }

    private static string FirstName(string name) => name.Trim().Split(' ', 2)[0];
}
