namespace CleanPrepay.Application.Payments.Reconciliation;

/// <summary>Pulls the status of gateway payments left pending, authorised or waiting (timeouts, lost webhooks) until they are final.</summary>
public interface IPaymentReconciliation
{
    Task<ReconciliationPass> RunOnceAsync(CancellationToken cancellationToken);
}
