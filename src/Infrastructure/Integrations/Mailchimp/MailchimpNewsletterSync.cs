using System.Text.Json;
using CleanPrepay.Domain.Customers.Events;
using CleanPrepay.Infrastructure.Persistence.Outbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CleanPrepay.Infrastructure.Integrations.Mailchimp;

/// <summary>
/// Pushes a customer's newsletter choice to the Mailchimp list, from the outbox (so only for committed changes, and
/// again after a failure). An email change unsubscribes the old address before the new one is subscribed.
/// </summary>
internal sealed class MailchimpNewsletterSync(string eventType, IServiceProvider services) : IOutboxHandler
{
    public string EventType => eventType;

    public async Task HandleAsync(string payload, CancellationToken cancellationToken)
    {
        var client = services.GetRequiredService<MailchimpClient>();
        var logger = services.GetRequiredService<ILogger<MailchimpNewsletterSync>>();
        foreach (var (email, subscribed, name, language) in Changes(eventType, payload))
        {
            if (!await client.PutMemberAsync(email, subscribed, FirstName(name), language, cancellationToken))
            {
                logger.LogWarning("Mailchimp refused a list member change ({Status}); not retried", subscribed ? "subscribed" : "unsubscribed");
            }
        }
    }

    /// <summary>What the list must learn from one event, in order; nothing when the newsletter choice and the email stayed.</summary>
    internal static IEnumerable<(string Email, bool Subscribed, string Name, string Language)> Changes(string eventType, string payload)
    {
        if (eventType == nameof(CustomerCreated))
        {
            var created = JsonSerializer.Deserialize<CustomerCreated>(payload, JsonSerializerOptions.Web)!;
            if (created.Newsletter)
            {
                yield return (created.Email, true, created.Name, created.Language);
            }

            yield break;
        }

        var updated = JsonSerializer.Deserialize<CustomerUpdated>(payload, JsonSerializerOptions.Web)!;
        if (updated.PreviousEmail is { } old)
        {
            if (updated.PreviousNewsletter)
            {
                yield return (old, false, updated.Name, updated.Language);
            }

            if (updated.Newsletter)
            {
                yield return (updated.Email, true, updated.Name, updated.Language);
            }
        }
        else if (updated.Newsletter != updated.PreviousNewsletter)
        {
            yield return (updated.Email, updated.Newsletter, updated.Name, updated.Language);
        }
    }

    private static string FirstName(string name) => name.Trim().Split(' ', 2)[0];
}
