using System.Text.Json;
using CleanPrepay.Application.Notifications;
using CleanPrepay.Domain.PaymentMethods.Events;
using CleanPrepay.Infrastructure.Persistence.Outbox;
using Microsoft.Extensions.DependencyInjection;

namespace CleanPrepay.Infrastructure.Notifications;

/// <summary>Sends direct_debit_confirmed or direct_debit_failed once a SEPA mandate is decided (riverty-prepayment).</summary>
internal sealed class DirectDebitEmails(IServiceProvider services) : IOutboxHandler
{
    public string EventType => nameof(DirectDebitMandateSettled);

    public Task HandleAsync(string payload, CancellationToken cancellationToken) =>
        services.GetRequiredService<AccountNotifier>().DirectDebitAsync(
            JsonSerializer.Deserialize<DirectDebitMandateSettled>(payload, JsonSerializerOptions.Web)!, cancellationToken);
}
