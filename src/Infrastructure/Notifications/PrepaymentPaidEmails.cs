using System.Text.Json;
using CleanPrepay.Application.Notifications;
using CleanPrepay.Domain.Subscriptions.Events;
using CleanPrepay.Infrastructure.Persistence.Outbox;
using Microsoft.Extensions.DependencyInjection;

namespace CleanPrepay.Infrastructure.Notifications;

/// <summary>
/// Delivers the emails of a paid prepayment from the outbox (so they leave only after the payment committed).
/// Every unit of work resolves the handlers to learn their event types, so the notifier is resolved only when there is work.
/// </summary>
internal sealed class PrepaymentPaidEmails(IServiceProvider services) : IOutboxHandler
{
    public string EventType => nameof(PrepaymentPaid);

    public Task HandleAsync(string payload, CancellationToken cancellationToken) =>
        services.GetRequiredService<PrepaymentNotifier>().NotifyAsync(JsonSerializer.Deserialize<PrepaymentPaid>(payload, JsonSerializerOptions.Web)!, cancellationToken);
}
