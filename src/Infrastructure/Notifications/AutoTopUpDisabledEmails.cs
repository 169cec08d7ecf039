using System.Text.Json;
using CleanPrepay.Application.Notifications;
using CleanPrepay.Domain.TopUps.Events;
using CleanPrepay.Infrastructure.Persistence.Outbox;
using Microsoft.Extensions.DependencyInjection;

namespace CleanPrepay.Infrastructure.Notifications;

/// <summary>Sends auto_top_up_disabled once three auto top-ups in a row failed.</summary>
internal sealed class AutoTopUpDisabledEmails(IServiceProvider services) : IOutboxHandler
{
    public string EventType => nameof(AutoTopUpDisabled);

    public Task HandleAsync(string payload, CancellationToken cancellationToken)
    {
        var disabled = JsonSerializer.Deserialize<AutoTopUpDisabled>(payload, JsonSerializerOptions.Web)!;
        return services.GetRequiredService<AccountNotifier>().AutoTopUpDisabledAsync(disabled.CustomerId, $"{disabled.AutoTopUpId}:{disabled.OccurredAt.ToUnixTimeMilliseconds()}", cancellationToken);
    }
}
