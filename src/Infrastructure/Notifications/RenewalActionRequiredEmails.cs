using System.Text.Json;
using CleanPrepay.Application.Notifications;
using CleanPrepay.Domain.Subscriptions.Events;
using CleanPrepay.Infrastructure.Persistence.Outbox;
using Microsoft.Extensions.DependencyInjection;

namespace CleanPrepay.Infrastructure.Notifications;

/// <summary>Sends payment_action_required when an off-session renewal needs the payer.</summary>
internal sealed class RenewalActionRequiredEmails(IServiceProvider services) : IOutboxHandler
{
    public string EventType => nameof(RenewalActionRequired);

    public Task HandleAsync(string payload, CancellationToken cancellationToken) =>
        services.GetRequiredService<AccountNotifier>().PaymentActionRequiredAsync(
            JsonSerializer.Deserialize<RenewalActionRequired>(payload, JsonSerializerOptions.Web)!, cancellationToken);
}
