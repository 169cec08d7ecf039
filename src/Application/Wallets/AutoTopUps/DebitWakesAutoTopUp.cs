using CleanPrepay.Application.Abstractions.Events;
using CleanPrepay.Domain.Wallets.Events;
using MediatR;

namespace CleanPrepay.Application.Wallets.AutoTopUps;

/// <summary>A committed debit may have crossed a threshold: wake the worker (a signal, no query, so a debit pays nothing for it).</summary>
internal sealed class DebitWakesAutoTopUp(AutoTopUpSignal signal)
    : INotificationHandler<DomainEventNotification<WalletLedgerEntryAdded>>, INotificationHandler<DomainEventNotification<Domain.TopUps.Events.AutoTopUpConfigured>>
{
    /// <summary>New terms, committed: the pocket may be below the threshold already.</summary>
    public Task Handle(DomainEventNotification<Domain.TopUps.Events.AutoTopUpConfigured> notification, CancellationToken cancellationToken)
    {
        if (notification.DomainEvent.Enabled)
        {
            signal.Wake();
        }

        return Task.CompletedTask;
    }

    public Task Handle(DomainEventNotification<WalletLedgerEntryAdded> notification, CancellationToken cancellationToken)
    {
        if (notification.DomainEvent.Amount < 0 && notification.DomainEvent.Currency is not null)
        {
            signal.Wake();
        }

        return Task.CompletedTask;
    }
}
